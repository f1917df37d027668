import NIOCore
import NIOHTTP1
import TEEModel
import TEEProxy
import TEESystemd

/// One active health check request: `GET path` to the server (with the check's scheme, port,
/// hostname and headers), following redirects when asked, over a connection of its own that is
/// closed afterwards. Healthy means the expected `status`, or any 2xx or 3xx when none is set.
final class HealthProbe: UpstreamExchange {
    /// What one check found: nil when healthy, else why not.
    typealias Verdict = String?

    private let promise: EventLoopPromise<(status: UInt, location: String?)>
    private var status: UInt = 0
    private var location: String?
    private var connection: UpstreamConnection?

    private init(promise: EventLoopPromise<(status: UInt, location: String?)>) {
        self.promise = promise
    }

    /// Checks `server` as `check` says, on `pool`'s event loop.
    static func check(_ server: UpstreamServer, _ check: HealthCheckConfiguration, pool: UpstreamConnectionPool,
                      loop: any EventLoop) async -> Verdict {
        var url = server.url
        if let scheme = check.scheme {
            url.scheme = scheme
            if check.port == nil && server.url.scheme != scheme { url.port = scheme == "https" ? 443 : 80 }
        }
        if let port = check.port { url.port = port }
        var target = (url: url, path: check.path)
        for _ in 0...5 {
            let probed = UpstreamServer(url: target.url, weight: 1, transport: server.transport)
            let host = check.hostname ?? (target.url.host == server.url.host ? nil : target.url.host)
            let result: (status: UInt, location: String?)
            do {
                result = try await loop.flatSubmit {
                    Self.request(probed, path: target.path, host: host, headers: check.headers, timeout: check.timeout, pool: pool, loop: loop)
                }.get()
            } catch {
                return "\(error)"
            }
            if (300..<400).contains(result.status), check.followRedirects, let location = result.location {
                if location.hasPrefix("/") {
                    target.path = location
                } else if let next = UpstreamURL(parsing: location) {
                    target = (next, next.path.isEmpty ? "/" : next.path)
                } else {
                    return "redirected to '\(location)', which is not a URL"
                }
                continue
            }
            let healthy = check.status.map { result.status == UInt($0) } ?? (200..<400).contains(result.status)
            return healthy ? nil : "answered \(result.status)\(check.status.map { ", expected \($0)" } ?? "")"
        }
        return "too many redirects"
    }

    /// Sends the request and completes with the response's status and `Location`; runs on `loop`.
    private static func request(_ server: UpstreamServer, path: String, host: String?, headers: [String: String],
                                timeout: Duration, pool: UpstreamConnectionPool, loop: any EventLoop)
        -> EventLoopFuture<(status: UInt, location: String?)> {
        let probe = HealthProbe(promise: loop.makePromise())
        let deadline = loop.assumeIsolated().scheduleTask(in: .nanoseconds(timeout.nanoseconds)) {
            probe.connection?.channel.close(promise: nil)
            probe.promise.fail(HealthProbeError.timedOut(timeout))
        }
        probe.promise.futureResult.whenComplete { _ in deadline.cancel() }
        pool.connect(server).assumeIsolated().whenComplete { result in
            switch result {
            case .failure(let error):
                probe.promise.fail(error)
            case .success(let connection):
                probe.connection = connection
                connection.handler.exchange = probe
                var requestHeaders = HTTPHeaders()
                requestHeaders.add(name: "Host", value: host ?? Self.hostHeader(server.url))
                requestHeaders.add(name: "User-Agent", value: "tee-health-check")
                requestHeaders.add(name: "Connection", value: "close")
                for (name, value) in headers { requestHeaders.replaceOrAdd(name: name, value: value) }
                let head = HTTPRequestHead(version: .http1_1, method: .GET, uri: path, headers: requestHeaders)
                connection.channel.write(HTTPClientRequestPart.head(head), promise: nil)
                connection.channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
            }
        }
        return probe.promise.futureResult
    }

    private static func hostHeader(_ url: UpstreamURL) -> String {
        let host = url.host.contains(":") ? "[\(url.host)]" : url.host
        return url.port == (url.usesTLS ? 443 : 80) ? host : "\(host):\(url.port)"
    }

    func upstreamReceived(_ part: HTTPClientResponsePart) {
        switch part {
        case .head(let head):
            guard head.status.code >= 200 else { return }
            self.status = head.status.code
            self.location = head.headers.first(name: "location")
        case .body:
            break
        case .end:
            self.promise.succeed((self.status, self.location))
            self.connection?.handler.exchange = nil
            self.connection?.channel.close(promise: nil)
            self.connection = nil
        }
    }

    func upstreamReadComplete() {}

    func upstreamClosed(error: (any Error)?) {
        self.connection = nil
        self.promise.fail(error ?? HealthProbeError.closedBeforeResponse)
    }

    func upstreamWritabilityChanged(isWritable: Bool) {}
}

/// Why a health check request got no answer.
enum HealthProbeError: Error, CustomStringConvertible {
    case timedOut(Duration)
    case closedBeforeResponse

    var description: String {
        switch self {
        case .timedOut(let timeout): "no answer within \(timeout)"
        case .closedBeforeResponse: "the connection closed before a response"
        }
    }
}
