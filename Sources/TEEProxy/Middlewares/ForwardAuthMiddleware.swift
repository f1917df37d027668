import NIOCore
import NIOHTTP1
public import TEEModel

/// `forwardAuth`: asks the authentication server at `address` about each request, with the
/// request's headers (or `authRequestHeaders`) and `X-Forwarded-Method`, `-Proto`, `-Host`,
/// `-Uri` and `-For`. A 2xx answer lets the request through with `authResponseHeaders` copied
/// onto it; any other answer (a login redirect, 401, 403) goes back to the client as it came.
/// A server that cannot be reached gets the client a 500, as in Traefik.
public struct ForwardAuthMiddleware: RequestMiddleware {
    public let configuration: ForwardAuthConfiguration
    private let transport: UpstreamTransport

    /// The most of the server's answer passed back to the client.
    static let maximumBodyBytes = 1 << 20

    public init(_ configuration: ForwardAuthConfiguration) {
        self.configuration = configuration
        self.transport = UpstreamTransport(configuration.tls)
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        let subrequest = Subrequest(url: self.configuration.address, head: self.authenticationHead(for: request), transport: self.transport)
        return .suspend(MiddlewareSuspension { [self] request, context in
            context.client.send(subrequest, on: context.eventLoop).map { response -> (ProxyRequest, MiddlewareOutcome) in
                self.decide(response, for: request)
            }.recover { _ in
                (request, .respond(SyntheticResponse(status: .internalServerError, body: "Internal Server Error")))
            }
        })
    }

    private func authenticationHead(for request: ProxyRequest) -> HTTPRequestHead {
        var headers = HTTPHeaders()
        if self.configuration.authRequestHeaders.isEmpty {
            headers = request.head.headers
            HopByHopHeaders.remove(from: &headers)
            headers.remove(name: "content-length")
            headers.remove(name: "transfer-encoding")
        } else {
            for name in self.configuration.authRequestHeaders {
                for value in request.head.headers[name] { headers.add(name: name, value: value) }
            }
        }
        let host = request.head.headers.first(name: "host") ?? request.host
        let client = request.clientAddress?.description ?? ""
        let trusted = self.configuration.trustForwardHeader
        func set(_ name: String, _ value: String) {
            if trusted, let incoming = request.head.headers.first(name: name) {
                headers.replaceOrAdd(name: name, value: incoming)
            } else {
                headers.replaceOrAdd(name: name, value: value)
            }
        }
        set("X-Forwarded-Method", request.head.method.rawValue)
        set("X-Forwarded-Proto", request.isTLS ? "https" : "http")
        set("X-Forwarded-Host", host)
        set("X-Forwarded-Uri", request.head.uri)
        let forwardedFor = trusted ? request.head.headers[canonicalForm: "x-forwarded-for"].map(String.init) + [client] : [client]
        headers.replaceOrAdd(name: "X-Forwarded-For", value: forwardedFor.filter { !$0.isEmpty }.joined(separator: ", "))
        headers.replaceOrAdd(name: "Host", value: self.configuration.address.hostHeader)
        return HTTPRequestHead(version: .http1_1, method: .GET, uri: self.configuration.addressPath, headers: headers)
    }

    private func decide(_ response: SubrequestResponse, for request: ProxyRequest) -> (ProxyRequest, MiddlewareOutcome) {
        let status = response.head.status.code
        guard (200..<300).contains(status) else {
            var headers = response.head.headers
            HopByHopHeaders.remove(from: &headers)
            headers.remove(name: "content-length")
            headers.remove(name: "transfer-encoding")
            let answer = SyntheticResponse(status: response.head.status, headers: headers, body: String(buffer: response.body))
            return (request, .respond(answer))
        }
        var request = request
        for name in self.configuration.authResponseHeaders {
            request.head.headers.remove(name: name)
            for value in response.head.headers[name] { request.head.headers.add(name: name, value: value) }
        }
        if let regex = self.configuration.authResponseHeadersRegex {
            for (name, value) in response.head.headers where regex.matches(name) {
                request.head.headers.replaceOrAdd(name: name, value: value)
            }
        }
        let cookies = response.head.headers["set-cookie"].filter { cookie in
            let name = cookie.prefix { $0 != "=" }
            return self.configuration.addAuthCookiesToResponse.contains { $0 == name }
        }
        request.responseHeaders += cookies.map { ("Set-Cookie", $0) }
        return (request, .proceed)
    }
}
