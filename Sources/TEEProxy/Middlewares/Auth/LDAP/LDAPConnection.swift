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

/// Frames whole LDAP messages (one BER element each) from the byte stream.
struct LDAPFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = [UInt8]
    /// A bigger message is refused (the middleware asks for no attributes, so answers are small).
    static let maximumBytes = 1 << 20

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let available = ArraySlice(buffer.readableBytesView.prefix(6))
        if available.count >= 2, available[available.startIndex + 1] & 0x80 != 0, available[available.startIndex + 1] & 0x7F > 4 {
            throw LDAPConnection.Failure.malformedAnswer
        }
        guard let size = Self.size(of: buffer) else { return .needMoreData }
        guard size <= Self.maximumBytes else { throw LDAPConnection.Failure.malformedAnswer }
        guard buffer.readableBytes >= size, let bytes = buffer.readBytes(length: size) else { return .needMoreData }
        context.fireChannelRead(Self.wrapInboundOut(bytes))
        return .continue
    }

    /// The size of the element at the start of `buffer`, once its length is known.
    static func size(of buffer: ByteBuffer) -> Int? {
        let head = Array(buffer.readableBytesView.prefix(6))
        guard head.count >= 2 else { return nil }
        guard head[1] & 0x80 != 0 else { return 2 + Int(head[1]) }
        let count = Int(head[1] & 0x7F)
        guard head.count >= 2 + count else { return nil }
        return 2 + count + head[2..<(2 + count)].reduce(0) { $0 << 8 | Int($1) }
    }
}

/// Hands each answer to the operation waiting for it; an answer that ends the operation (a bind
/// response, a search's done) completes it. A closed connection fails what waits.
final class LDAPResponseHandler: ChannelInboundHandler {
    typealias InboundIn = [UInt8]

    private var pending: (id: Int, promise: EventLoopPromise<[LDAPMessage.Response]>)?
    private var collected: [LDAPMessage.Response] = []

    func expect(_ id: Int, _ promise: EventLoopPromise<[LDAPMessage.Response]>) {
        self.pending = (id, promise)
        self.collected = []
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Self.unwrapInboundIn(data)
        guard let (element, _) = BER.Element.read(bytes[...]), let response = LDAPMessage.Response(element) else {
            self.fail(LDAPConnection.Failure.malformedAnswer, context: context)
            return
        }
        guard let pending = self.pending, response.messageID == pending.id else {
            // An unsolicited notice (message ID 0) ends the connection.
            if response.messageID == 0 { self.fail(LDAPConnection.Failure.closed, context: context) }
            return
        }
        self.collected.append(response)
        if response.operation == LDAPMessage.Response.bind || response.operation == LDAPMessage.Response.searchDone {
            self.pending = nil
            pending.promise.succeed(self.collected)
            self.collected = []
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        self.fail(LDAPConnection.Failure.closed, context: context)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        self.fail(error, context: context)
    }

    private func fail(_ error: any Error, context: ChannelHandlerContext) {
        if let pending = self.pending {
            self.pending = nil
            pending.promise.fail(error)
        }
        context.close(promise: nil)
    }
}
