import NIOCore
import NIOPosix
import Synchronization
import TEEModel

/// A ZooKeeper session on one connection: reads of children and data, with watches, and the
/// pings that keep the session alive.
final class ZooKeeperConnection: Sendable {
    private let channel: any Channel
    private let handler: NIOLoopBound<ZooKeeperHandler>
    private let nextXid = Atomic<Int32>(1)
    private let pings: NIOLoopBound<RepeatedTask?>

    /// ZooKeeper's request types and the error of a missing node.
    private enum Operation: Int32 {
        case exists = 3
        case getData = 4
        case getChildren = 8
    }

    static let noNode: Int32 = -101
    static let sessionTimeout: Int32 = 10_000

    private init(channel: any Channel, handler: ZooKeeperHandler) {
        self.channel = channel
        self.handler = NIOLoopBound(handler, eventLoop: channel.eventLoop)
        let task = channel.eventLoop.scheduleRepeatedTask(initialDelay: .seconds(3), delay: .seconds(3)) { _ in
            var ping = channel.allocator.buffer(capacity: 8)
            ping.writeInteger(Int32(-2))
            ping.writeInteger(Int32(11))
            channel.writeAndFlush(ping, promise: nil)
        }
        self.pings = NIOLoopBound(task, eventLoop: channel.eventLoop)
    }

    /// Connects to the first endpoint and begins a session; `onWatch` runs when a watch fires.
    static func connect(_ settings: KVProviderConfiguration, onWatch: @escaping @Sendable () -> Void) async throws -> ZooKeeperConnection {
        let (text, address) = try settings.currentEndpoint(of: "ZooKeeper")
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connectTimeout(.seconds(5))
                .connect(host: address.host, port: address.port).get()
        } catch {
            throw ProviderError("cannot connect to ZooKeeper at \(text): \(error)")
        }
        let session = channel.eventLoop.makePromise(of: Void.self)
        let connection = try await channel.eventLoop.submit {
            let handler = ZooKeeperHandler(session: session, onWatch: onWatch)
            try channel.pipeline.syncOperations.addHandler(handler)
            var request = channel.allocator.buffer(capacity: 48)
            request.writeInteger(Int32(0))  // protocol version
            request.writeInteger(Int64(0))  // last zxid seen
            request.writeInteger(Self.sessionTimeout)
            request.writeInteger(Int64(0))  // session id: a new session
            request.writeInteger(Int32(16))
            request.writeRepeatingByte(0, count: 16)  // password
            request.writeInteger(UInt8(0))  // not read-only
            channel.writeAndFlush(request, promise: nil)
            return ZooKeeperConnection(channel: channel, handler: handler)
        }.get()
        // A server still starting can accept the connection and never answer.
        let timeout = channel.eventLoop.scheduleTask(in: .seconds(5)) { channel.close(promise: nil) }
        do {
            try await session.futureResult.get()
            timeout.cancel()
        } catch {
            connection.close()
            throw ProviderError("ZooKeeper at \(text) did not begin a session: \(error)")
        }
        return connection
    }

    func close() {
        self.channel.eventLoop.execute {
            self.pings.value?.cancel()
        }
        self.channel.close(promise: nil)
    }

    var closed: EventLoopFuture<Void> { self.channel.closeFuture }

    private func request(_ operation: Operation, path: String, watch: Bool) async throws -> ZooKeeperHandler.Reply {
        let xid = self.nextXid.wrappingAdd(1, ordering: .relaxed).oldValue
        let promise = self.channel.eventLoop.makePromise(of: ZooKeeperHandler.Reply.self)
        var request = self.channel.allocator.buffer(capacity: 16 + path.utf8.count)
        request.writeInteger(xid)
        request.writeInteger(operation.rawValue)
        request.writeInteger(Int32(path.utf8.count))
        request.writeString(path)
        request.writeInteger(UInt8(watch ? 1 : 0))
        let handler = self.handler
        let channel = self.channel
        let frame = request
        channel.eventLoop.execute {
            handler.value.expect(xid, promise)
            channel.writeAndFlush(frame, promise: nil)
            // A server that stops answering closes the connection (and so fails every request).
            let timeout = channel.eventLoop.scheduleTask(in: .seconds(10)) { channel.close(promise: nil) }
            promise.futureResult.whenComplete { _ in timeout.cancel() }
        }
        let reply = try await promise.futureResult.get()
        guard reply.error == 0 || reply.error == Self.noNode else {
            throw ProviderError("ZooKeeper refused to read \(path): error \(reply.error)")
        }
        return reply
    }

    /// Whether the node exists; with `watch`, its creation, change or deletion fires the watch.
    func exists(_ path: String, watch: Bool) async throws -> Bool {
        try await self.request(.exists, path: path, watch: watch).error == 0
    }

    /// The node's children, or nil when it does not exist.
    func children(_ path: String, watch: Bool) async throws -> [String]? {
        var reply = try await self.request(.getChildren, path: path, watch: watch)
        guard reply.error == 0, let count = reply.body.readInteger(as: Int32.self) else { return nil }
        var names: [String] = []
        for _ in 0..<max(0, count) {
            guard let length = reply.body.readInteger(as: Int32.self), let name = reply.body.readString(length: Int(length)) else { break }
            names.append(name)
        }
        return names
    }

    /// The node's data, or nil when it does not exist.
    func data(_ path: String, watch: Bool) async throws -> String? {
        var reply = try await self.request(.getData, path: path, watch: watch)
        guard reply.error == 0, let length = reply.body.readInteger(as: Int32.self) else { return nil }
        guard length > 0 else { return "" }
        return reply.body.readString(length: Int(length))
    }
}
