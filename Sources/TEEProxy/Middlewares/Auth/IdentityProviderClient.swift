import NIOCore
import NIOHTTP1
import TEEModel

/// Asks an identity provider (a JWKS, introspection or token endpoint) over the proxy's
/// subrequest client, with `clientConfig`'s timeout and retries: a request that gets no answer
/// is tried again up to `maxRetries` times; any answer (even an error status) is returned.
struct IdentityProviderClient: Sendable {
    let url: UpstreamURL
    let path: String
    let transport: UpstreamTransport
    let settings: AuthClientConfiguration

    init(url: UpstreamURL, path: String, settings: AuthClientConfiguration) {
        self.url = url
        self.path = path
        self.settings = settings
        self.transport = UpstreamTransport(settings.tls)
    }

    /// GET the endpoint.
    func get(headers: HTTPHeaders = [:], context: MiddlewareContext) -> EventLoopFuture<SubrequestResponse> {
        self.send(method: .GET, headers: headers, body: nil, context: context)
    }

    /// POST a form (`application/x-www-form-urlencoded`) to the endpoint.
    func postForm(_ fields: [(String, String)], headers: HTTPHeaders = [:], context: MiddlewareContext) -> EventLoopFuture<SubrequestResponse> {
        var headers = headers
        let form = fields.map { "\(Self.formEncode($0.0))=\(Self.formEncode($0.1))" }.joined(separator: "&")
        headers.replaceOrAdd(name: "Content-Type", value: "application/x-www-form-urlencoded")
        return self.send(method: .POST, headers: headers, body: ByteBuffer(string: form), context: context)
    }

    private func send(method: HTTPMethod, headers: HTTPHeaders, body: ByteBuffer?, context: MiddlewareContext,
                      attempt: Int = 0) -> EventLoopFuture<SubrequestResponse> {
        var sent = headers
        sent.replaceOrAdd(name: "Host", value: self.url.hostHeader)
        sent.replaceOrAdd(name: "Accept", value: "application/json")
        if let body { sent.replaceOrAdd(name: "Content-Length", value: String(body.readableBytes)) }
        let head = HTTPRequestHead(version: .http1_1, method: method, uri: self.path, headers: sent)
        let request = Subrequest(url: self.url, head: head, transport: self.transport, body: body, timeout: self.settings.timeout)
        return context.client.send(request, on: context.eventLoop).flatMapError { error in
            guard attempt < self.settings.maxRetries else { return context.eventLoop.makeFailedFuture(error) }
            return self.send(method: method, headers: headers, body: body, context: context, attempt: attempt + 1)
        }
    }

    /// `application/x-www-form-urlencoded` escaping: unreserved characters stay, the rest is `%XX`.
    static func formEncode(_ text: String) -> String {
        var encoded = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                encoded.append(Character(Unicode.Scalar(byte)))
            default:
                encoded += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return encoded
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - self.count)) + self
    }
}
