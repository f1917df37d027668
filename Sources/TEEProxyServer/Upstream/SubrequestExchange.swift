import NIOCore
import NIOHTTP1
import TEEProxy
import TEESystemd

/// One subrequest on a pooled upstream connection: sends the head, collects the response (its
/// body up to a limit), and returns the connection to the pool when it can be reused.
final class SubrequestExchange: UpstreamExchange {
    private let promise: EventLoopPromise<SubrequestResponse>
    private let pool: UpstreamConnectionPool
    private let maximumBodyBytes: Int
    private var connection: UpstreamConnection?
    private var head: HTTPResponseHead?
    private var body: ByteBuffer
    private var timer: Scheduled<Void>?
    /// The request allowed the connection to be kept (no `Connection: close`).
    private var requestKeepsAlive = true

    private init(promise: EventLoopPromise<SubrequestResponse>, pool: UpstreamConnectionPool, maximumBodyBytes: Int) {
        self.promise = promise
        self.pool = pool
        self.maximumBodyBytes = maximumBodyBytes
        self.body = ByteBuffer()
    }

    /// Sends `request` to `server` through `pool`, on the pool's event loop, giving up after `timeout`.
    static func send(_ request: Subrequest, to server: UpstreamServer, pool: UpstreamConnectionPool, loop: any EventLoop,
                     timeout: Duration, maximumBodyBytes: Int = 1 << 20) -> EventLoopFuture<SubrequestResponse> {
        let exchange = SubrequestExchange(promise: loop.makePromise(), pool: pool, maximumBodyBytes: maximumBodyBytes)
        if timeout > .zero {
            exchange.timer = loop.assumeIsolated().scheduleTask(in: .nanoseconds(timeout.nanoseconds)) {
                exchange.connection?.handler.exchange = nil
                exchange.connection?.channel.close(promise: nil)
                exchange.connection = nil
                exchange.promise.fail(SubrequestError.timedOut(timeout))
            }
        }
        exchange.promise.futureResult.whenComplete { _ in exchange.timer?.cancel() }
        if let idle = pool.leaseIdle(server) {
            exchange.attach(idle, request: request)
        } else {
            pool.connect(server).assumeIsolated().whenComplete { result in
                switch result {
                case .success(let connection): exchange.attach(connection, request: request)
                case .failure(let error): exchange.promise.fail(error)
                }
            }
        }
        return exchange.promise.futureResult
    }

    private func attach(_ connection: UpstreamConnection, request: Subrequest) {
        self.connection = connection
        self.requestKeepsAlive = request.head.isKeepAlive
        connection.handler.exchange = self
        connection.channel.write(HTTPClientRequestPart.head(request.head), promise: nil)
        if let body = request.body { connection.channel.write(HTTPClientRequestPart.body(.byteBuffer(body)), promise: nil) }
        connection.channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
    }

    func upstreamReceived(_ part: HTTPClientResponsePart) {
        switch part {
        case .head(let head):
            guard head.status.code >= 200 else { return }
            self.head = head
        case .body(var buffer):
            if self.body.readableBytes + buffer.readableBytes <= self.maximumBodyBytes { self.body.writeBuffer(&buffer) }
        case .end:
            guard let connection = self.connection, let head = self.head else { return }
            self.connection = nil
            if head.isKeepAlive && self.requestKeepsAlive {
                self.pool.release(connection)
            } else {
                connection.handler.exchange = nil
                connection.channel.close(promise: nil)
            }
            self.promise.succeed(SubrequestResponse(head: head, body: self.body))
        }
    }

    func upstreamReadComplete() {}

    func upstreamClosed(error: (any Error)?) {
        self.connection = nil
        self.promise.fail(error ?? SubrequestError.closedBeforeResponse)
    }

    func upstreamWritabilityChanged(isWritable: Bool) {}
}

/// Why a subrequest got no answer.
enum SubrequestError: Error, CustomStringConvertible {
    case timedOut(Duration)
    case closedBeforeResponse

    var description: String {
        switch self {
        case .timedOut(let timeout): "no answer within \(timeout)"
        case .closedBeforeResponse: "the connection closed before a response"
        }
    }
}
