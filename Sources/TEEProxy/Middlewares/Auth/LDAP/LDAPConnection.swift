import NIOCore
import NIOPosix
import NIOSSL
import TEEModel

/// One connection to an LDAP server, used on its event loop only, one operation at a time.
final class LDAPConnection: @unchecked Sendable {
    /// Why an operation got no answer.
    enum Failure: Error {
        case closed
        case malformedAnswer
    }

    let channel: any Channel
    let opened = ContinuousClock.now
    private let handler: LDAPResponseHandler
    private var nextID = 1

    private init(channel: any Channel, handler: LDAPResponseHandler) {
        self.channel = channel
        self.handler = handler
    }

    /// Connects to `host:port` on `loop`, through TLS when `tls` is given.
    static func connect(host: String, port: Int, tls: NIOSSLContext?, timeout: Duration, on loop: any EventLoop) -> EventLoopFuture<LDAPConnection> {
        ClientBootstrap(group: loop)
            .connectTimeout(.seconds(max(1, timeout.components.seconds)))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    let handler = LDAPResponseHandler()
                    if let tls {
                        let serverName = IPAddress(host) == nil ? host : nil
                        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: tls, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(LDAPFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(handler)
                }
            }
            .connect(host: host, port: port)
            .flatMapThrowing { channel in
                LDAPConnection(channel: channel, handler: try channel.pipeline.syncOperations.handler(type: LDAPResponseHandler.self))
            }
    }

    /// A simple bind; the answer's result code (0 is success, 49 wrong credentials).
    func bind(dn: String, password: String) -> EventLoopFuture<Int> {
        self.send { LDAPMessage.bind(id: $0, dn: dn, password: password) }.flatMapThrowing { responses in
            guard let code = responses.last?.resultCode else { throw Failure.malformedAnswer }
            return code
        }
    }

    /// The DNs of the entries under `base` that `filter` matches (at most two are asked for) and the search's result code.
    func search(base: String, filter: LDAPFilter) -> EventLoopFuture<(code: Int, entries: [String])> {
        self.send { LDAPMessage.search(id: $0, base: base, filter: filter) }.flatMapThrowing { responses in
            guard let code = responses.last?.resultCode else { throw Failure.malformedAnswer }
            let entries = responses.filter { $0.operation == LDAPMessage.Response.searchEntry }.compactMap { $0.fields.first?.text }
            return (code, entries)
        }
    }

    /// Says goodbye and closes.
    func close() {
        let id = self.nextID
        self.channel.writeAndFlush(ByteBuffer(bytes: LDAPMessage.unbind(id: id))).whenComplete { _ in self.channel.close(promise: nil) }
    }

    private func send(_ message: (Int) -> [UInt8]) -> EventLoopFuture<[LDAPMessage.Response]> {
        self.channel.eventLoop.preconditionInEventLoop()
        let id = self.nextID
        self.nextID += 1
        let promise = self.channel.eventLoop.makePromise(of: [LDAPMessage.Response].self)
        self.handler.expect(id, promise)
        self.channel.writeAndFlush(ByteBuffer(bytes: message(id))).whenFailure { promise.fail($0) }
        return promise.futureResult
    }
}
