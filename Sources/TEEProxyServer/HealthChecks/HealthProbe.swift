import NIOCore
import NIOHTTP1
import TEEModel
import TEEProxy
import TEESystemd

/// One active health check: `GET path` to the server (with the check's scheme, port, hostname
/// and headers) as a subrequest, following redirects when asked. Healthy means the expected
/// `status`, or any 2xx or 3xx when none is set.
enum HealthProbe {
    /// What one check found: nil when healthy, else why not.
    typealias Verdict = String?

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
            var headers = HTTPHeaders()
            headers.add(name: "Host", value: host ?? probed.url.hostHeader)
            headers.add(name: "User-Agent", value: "tee-health-check")
            headers.add(name: "Connection", value: "close")
            for (name, value) in check.headers { headers.replaceOrAdd(name: name, value: value) }
            let request = Subrequest(url: probed.url, head: HTTPRequestHead(version: .http1_1, method: .GET, uri: target.path, headers: headers),
                                     transport: probed.transport)
            let result: (status: UInt, location: String?)
            do {
                let response = try await loop.flatSubmit {
                    SubrequestExchange.send(request, to: probed, pool: pool, loop: loop, timeout: check.timeout, maximumBodyBytes: 0)
                }.get()
                result = (response.head.status.code, response.head.headers.first(name: "location"))
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
}
