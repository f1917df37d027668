import NIOCore
import NIOHTTP1
import TEEProxy
import NIOPosix
import NIOSSL
import Synchronization

/// An HTTP/1.1 server on 127.0.0.1 for proxy tests. It answers every request with
/// `X-Backend: NAME` and a body describing what it received:
///
///     backend=NAME
///     method=GET
///     uri=/path?query
///     header.host=example.com        (every header, names lower-cased)
///     body-bytes=0
///
/// Special paths: `/echo` returns the request body; `/slow/MS` waits MS milliseconds before
/// answering; `/stream/N/SIZE` sends N chunks of SIZE bytes; `/status/CODE` answers with CODE;
/// `/health` answers with ``TestBackend/healthStatus``; `/auth` is an authentication server that
/// passes `Authorization: Bearer good` (with `X-Auth-User: alice` and a `session` cookie) and
/// answers anything else with 401 and the body `denied`; `/trickle` sends `Content-Length: 10`
/// and `hello` at once, and `world` only when the test calls ``TestBackend/sendHeldHalves()``;
/// `/interim/CODE` sends an interim response (103 with a `Link` header) before the answer;
/// `/vary-origin` answers with `Vary: Origin` and its own `Access-Control-Allow-Origin`;
/// `/early` answers `early` as soon as the head arrives, without waiting for (and dropping) the body.

public final class TestBackend: Sendable {
    public let name: String
    public let port: Int
    private let channel: any Channel
    private let group: MultiThreadedEventLoopGroup

    /// Whether it serves HTTPS.
    public let usesTLS: Bool
    private let log: TestBackendLog

    /// Starts a backend called `name` on a free port; with `tls` (certificate and key files) it serves HTTPS.
    public init(name: String, tls: (certFile: String, keyFile: String)? = nil) async throws {
        self.name = name
        self.usesTLS = tls != nil
        self.group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let backendName = name
        let log = TestBackendLog()
        self.log = log
        let sslContext = try tls.map { files in
            try NIOSSLContext(configuration: .makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(files.certFile).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: files.keyFile, format: .pem))
            ))
        }
        self.channel = try await ServerBootstrap(group: self.group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext)) }
                    // As a Go backend would, it takes any token as a method.
                    try channel.pipeline.syncOperations.addHandler(HTTPResponseEncoder())
                    try channel.pipeline.syncOperations.addHTTP1RequestDecoder(maxHeaderBytes: 1 << 20)
                    try channel.pipeline.syncOperations.addHandler(HTTPServerPipelineHandler())
                    try channel.pipeline.syncOperations.addHandler(HTTPServerProtocolErrorHandler())
                    try channel.pipeline.syncOperations.addHandler(TestBackendHandler(name: backendName, log: log))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        self.port = self.channel.localAddress!.port!
    }

    /// The URL to put in `loadBalancer.servers`.
    public var url: String { "\(self.usesTLS ? "https" : "http")://127.0.0.1:\(self.port)" }

    /// The status `/health` answers with (200 at first); tests flip it to fail health checks.
    public var healthStatus: Int {
        get { self.log.healthStatus.load(ordering: .relaxed) }
        set { self.log.healthStatus.store(newValue, ordering: .relaxed) }
    }

    /// Sends the second halves of the `/trickle` responses sent so far.
    public func sendHeldHalves() {
        let halves = self.log.heldHalves.withLock { halves in
            defer { halves = [] }
            return halves
        }
        for send in halves { send() }
    }

    /// Every request received so far, in order.
    public var received: [TestBackendRequest] { self.log.requests.withLock { $0 } }

    /// Waits up to five seconds for at least `count` requests; returns those received.
    public func waitForRequests(_ count: Int) async -> [TestBackendRequest] {
        for _ in 0..<100 where self.received.count < count {
            try? await Task.sleep(for: .milliseconds(50))
        }
        return self.received
    }

    /// Stops the backend.
    public func stop() async {
        try? await self.channel.close()
        try? await self.group.shutdownGracefully()
    }
}

/// Answers one request at a time as ``TestBackend`` describes.
final class TestBackendHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let name: String
    private let log: TestBackendLog
    private var head: HTTPRequestHead?
    private var body: ByteBuffer?
    /// The request being read was answered at its head (`/early`): its body is dropped.
    private var answeredEarly = false

    init(name: String, log: TestBackendLog) {
        self.name = name
        self.log = log
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch self.unwrapInboundIn(data) {
        case .head(let head) where head.uri.hasPrefix("/early"):
            self.answeredEarly = true
            self.log.requests.withLock { $0.append(TestBackendRequest(head: head, body: "")) }
            var headers = HTTPHeaders()
            headers.add(name: "X-Backend", value: self.name)
            headers.add(name: "Content-Length", value: "6")
            context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            context.write(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "early\n")))), promise: nil)
            context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
        case .head(let head):
            self.head = head
            self.body = context.channel.allocator.buffer(capacity: 0)
        case .body(var buffer):
            guard !self.answeredEarly else { return }
            self.body?.writeBuffer(&buffer)
        case .end:
            guard !self.answeredEarly else { return self.answeredEarly = false }
            guard let head = self.head else { return }
            let body = self.body ?? ByteBuffer()
            self.head = nil
            self.log.requests.withLock { $0.append(TestBackendRequest(head: head, body: String(buffer: body))) }
            self.respond(context: context, head: head, body: body)
        }
    }

    private func respond(context: ChannelHandlerContext, head: HTTPRequestHead, body: ByteBuffer) {
        let parts = head.uri.split(separator: "?")[0].split(separator: "/")
        var headers = HTTPHeaders()
        headers.add(name: "X-Backend", value: self.name)
        if parts.first == "stream", parts.count == 3, let chunks = Int(parts[1]), let size = Int(parts[2]) {
            context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            let chunk = context.channel.allocator.buffer(repeating: UInt8(ascii: "x"), count: size)
            for _ in 0..<chunks { context.write(self.wrapOutboundOut(.body(.byteBuffer(chunk))), promise: nil) }
            context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        if parts.first == "interim" {
            // `/interim/103`: an interim response (with a Link header for 103 Early Hints) before the answer.
            var interim = HTTPHeaders()
            interim.add(name: "Link", value: "</style.css>; rel=preload; as=style")
            let code = parts.count == 2 ? Int(parts[1]) ?? 103 : 103
            context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: code),
                                                                      headers: interim))), promise: nil)
            context.flush()
        }
        if parts.first == "vary-origin" {
            // A server that already says its answer varies by Origin, with its own CORS origin.
            headers.add(name: "Vary", value: "Origin")
            headers.add(name: "Access-Control-Allow-Origin", value: "https://upstream.example")
        }
        if parts.first == "trickle" {
            headers.add(name: "Content-Length", value: "10")
            context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: .ok, headers: headers))), promise: nil)
            context.writeAndFlush(self.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "hello")))), promise: nil)
            let bound = NIOLoopBound((handler: self, context: context), eventLoop: context.eventLoop)
            self.log.heldHalves.withLock { halves in
                halves.append {
                    bound.eventLoop.execute {
                        let (handler, context) = bound.value
                        context.write(handler.wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: "world")))), promise: nil)
                        context.writeAndFlush(handler.wrapOutboundOut(.end(nil)), promise: nil)
                    }
                }
            }
            return
        }
        var status = HTTPResponseStatus.ok
        var payload: ByteBuffer
        if parts.first == "echo" {
            payload = body
        } else {
            var text = "backend=\(self.name)\nmethod=\(head.method.rawValue)\nuri=\(head.uri)\n"
            for (name, value) in head.headers { text += "header.\(name.lowercased())=\(value)\n" }
            text += "body-bytes=\(body.readableBytes)\n"
            payload = context.channel.allocator.buffer(string: text)
        }
        if parts.first == "status", parts.count == 2, let code = Int(parts[1]) { status = HTTPResponseStatus(statusCode: code) }
        if parts.first == "health" { status = HTTPResponseStatus(statusCode: self.log.healthStatus.load(ordering: .relaxed)) }
        if parts.first == "auth" {
            // A stand-in authentication server: `Authorization: Bearer good` passes.
            if head.headers.first(name: "authorization") == "Bearer good" {
                headers.add(name: "X-Auth-User", value: "alice")
                headers.add(name: "Set-Cookie", value: "session=abc; Path=/")
                headers.add(name: "Set-Cookie", value: "other=1")
            } else {
                status = .unauthorized
                headers.add(name: "WWW-Authenticate", value: "Bearer realm=\"tee\"")
                payload = context.channel.allocator.buffer(string: "denied")
            }
        }
        headers.add(name: "Content-Length", value: String(payload.readableBytes))
        let delay = parts.first == "slow" && parts.count == 2 ? Int64(parts[1]) ?? 0 : 0
        let send = { [self] in
            context.write(self.wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
            context.write(self.wrapOutboundOut(.body(.byteBuffer(payload))), promise: nil)
            context.writeAndFlush(self.wrapOutboundOut(.end(nil)), promise: nil)
        }
        if delay > 0 {
            context.eventLoop.scheduleTask(in: .milliseconds(delay)) { send() }
        } else {
            send()
        }
    }
}
