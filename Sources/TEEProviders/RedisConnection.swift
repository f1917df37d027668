import NIOCore
import NIOPosix
import NIOSSL
import TEEModel

/// One connection to Redis: commands answered in order, and pushed messages (of a subscription)
/// passed to `onPush`.
final class RedisConnection: Sendable {
    private let channel: any Channel

    private init(channel: any Channel) {
        self.channel = channel
    }

    /// Connects (with TLS when configured), authenticates and selects the database.
    static func connect(_ settings: KVProviderConfiguration, onPush: (@Sendable (RESPValue) -> Void)? = nil) async throws -> RedisConnection {
        let (text, address) = try settings.currentEndpoint(of: "Redis")
        let tls = try settings.tls.map { try NIOSSLContext(configuration: $0.clientConfiguration()) }
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .connectTimeout(.seconds(5))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        if let tls {
                            try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: nil))
                        }
                        try channel.pipeline.syncOperations.addHandler(RedisReplyHandler(onPush: onPush))
                    }
                }
                .connect(host: address.host, port: address.port).get()
        } catch {
            throw ProviderError("cannot connect to Redis at \(text): \(error)")
        }
        let connection = RedisConnection(channel: channel)
        if let password = settings.password {
            _ = try await connection.command(settings.username.map { ["AUTH", $0, password] } ?? ["AUTH", password])
        }
        if settings.database != 0 { _ = try await connection.command(["SELECT", "\(settings.database)"]) }
        return connection
    }

    /// Sends a command and returns its reply; a Redis error reply throws.
    func command(_ words: [String]) async throws -> RESPValue {
        let promise = self.channel.eventLoop.makePromise(of: RESPValue.self)
        self.channel.writeAndFlush(RedisReplyHandler.Request(words: words, reply: promise), promise: nil)
        // A server that stops answering closes the connection (and so fails every command).
        let channel = self.channel
        let timeout = channel.eventLoop.scheduleTask(in: .seconds(10)) { channel.close(promise: nil) }
        promise.futureResult.whenComplete { _ in timeout.cancel() }
        let reply = try await promise.futureResult.get()
        if case .error(let message) = reply { throw ProviderError("Redis refused \(words[0]): \(message)") }
        return reply
    }

    /// Sends a command whose replies arrive as pushes (SUBSCRIBE, PSUBSCRIBE).
    func send(_ words: [String]) {
        self.channel.writeAndFlush(RedisReplyHandler.Request(words: words, reply: nil), promise: nil)
    }

    /// Completes when the connection closes.
    var closed: EventLoopFuture<Void> { self.channel.closeFuture }

    func close() {
        self.channel.close(promise: nil)
    }
}
