public import NIOHTTP1
public import TEEModel

/// A request on its way through the proxy: the head as received (and as middlewares rewrite
/// it), with what routing needs worked out once.
public struct ProxyRequest: RoutableRequest, Sendable {
    /// The request head; middlewares rewrite its `uri` and headers.
    public var head: HTTPRequestHead
    /// The entry point the request came in on.
    public let entryPoint: String
    /// The client's address (the TCP peer).
    public let clientAddress: IPAddress?
    /// Whether the request came over TLS.
    public let isTLS: Bool
    /// The normalised host: lower-cased, without port (from `Host`, or the URI's authority).
    public let host: String
    /// The path, without the query; kept in step with `head.uri` by ``setPath(_:)``.
    public private(set) var path: String
    /// The path rules match (``PercentDecoding/routingPath(_:)``); the path itself when it has a malformed escape.
    public private(set) var routingPath: String
    /// `X-Forwarded-*` and `X-Real-Ip` a `headers` middleware removed (set to ""), lower-cased:
    /// the proxy does not add them back when it forwards, as Traefik does not.
    public var removedForwardedHeaders: Set<String> = []
    /// Why the request cannot be routed at all (a malformed Host or path), answered with 400 as Traefik does.
    public private(set) var malformation: String?
    public let method: String
    /// Headers middlewares add to the response the server gives (forwardAuth's `addAuthCookiesToResponse`,
    /// an oidc session's renewal, distributedRateLimit's `X-Rate-Limit-*`).
    public var responseHeaders: [(name: String, value: String)] = []
    /// `contentType`: a response without `Content-Type` gets one detected from its body.
    public var detectsContentType = false
    /// `buffering`: how the proxy holds and limits the request and response bodies.
    public var buffering: BufferingConfiguration?
    /// hmac's `validateDigest`: the body is held (``buffering``) and must match this before it goes on.
    public var bodyDigest: RequestBodyDigest?
    /// The certificate the TLS client presented (DER), if any.
    public var clientCertificate: [UInt8]?
    /// `errors` middlewares: responses with these statuses are replaced by a page.
    public var errorPages: [ErrorPages] = []
    /// Rewrites of the response body that middlewares asked for (compress).
    public var responseTransforms: [ResponseTransform] = []
    /// Set by a `retry` middleware: try again when no server answers.
    public var retryPolicy: RetryPolicy?
    /// Who the client is, as an authentication middleware found (the access log's `ClientUsername`).
    public var clientUsername: String?
    /// The request's spans, when its entry point traces (`tracing`).
    public var trace: RequestTrace?
    /// Run once when the request has been answered; see ``onCompletion(_:)``.
    public private(set) var completions: [@Sendable (RequestOutcome) -> Void] = []

    public init(head: HTTPRequestHead, entryPoint: String, clientAddress: IPAddress?, isTLS: Bool) {
        var head = head
        // An absolute-form target (`GET http://host/path`) names the host; the server behind gets the origin form.
        if let (authority, origin) = Self.absoluteForm(head.uri) {
            head.uri = origin
            if !authority.isEmpty { head.headers.replaceOrAdd(name: "host", value: authority) }
        }
        self.head = head
        self.entryPoint = entryPoint
        self.clientAddress = clientAddress
        self.isTLS = isTLS
        let hostHeader = head.headers.first(name: "host") ?? ""
        self.host = HostPattern.normalise(hostHeader)
        self.path = Self.pathPart(of: head.uri)
        self.method = head.method.rawValue
        let routingPath = PercentDecoding.routingPath(self.path)
        self.routingPath = routingPath ?? self.path
        if !Self.isValidHostHeader(hostHeader) {
            self.malformation = "malformed Host header"
        } else if routingPath == nil {
            self.malformation = "malformed percent-encoding in the path"
        }
    }

    public func headerValues(_ name: String) -> [String] {
        self.head.headers[name]
    }

    public func queryValues(_ key: String) -> [String] {
        guard let start = self.head.uri.firstIndex(of: "?") else { return [] }
        let query = self.head.uri[self.head.uri.index(after: start)...].prefix { $0 != "#" }
        return query.split(separator: "&").compactMap { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard PercentDecoding.decode(parts[0]) == key else { return nil }
            return parts.count == 2 ? PercentDecoding.decode(parts[1]) : ""
        }
    }

    /// The query string including its `?`, or empty.
    public var query: Substring {
        guard let start = self.head.uri.firstIndex(of: "?") else { return "" }
        return self.head.uri[start...]
    }

    /// Asks to be told how the request ended (a middleware that counts requests in progress).
    public mutating func onCompletion(_ action: @escaping @Sendable (RequestOutcome) -> Void) {
        self.completions.append(action)
    }

    /// Tells everyone who asked how the request ended; the proxy calls it once per request.
    public func complete(_ outcome: RequestOutcome) {
        for completion in self.completions { completion(outcome) }
    }

    /// Replaces the path, keeping the query.
    public mutating func setPath(_ path: String) {
        self.head.uri = path + self.query
        self.path = path
        self.routingPath = PercentDecoding.routingPath(path) ?? path
    }

    /// `http://example.com:8080/a?b` → (`example.com:8080`, `/a?b`); nil for an origin-form target.
    static func absoluteForm(_ uri: String) -> (authority: String, origin: String)? {
        guard uri.utf8.first != UInt8(ascii: "/"), let scheme = uri.firstRange(of: "://"),
              uri[..<scheme.lowerBound].allSatisfy({ $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == "." }) else { return nil }
        let rest = uri[scheme.upperBound...]
        let authorityEnd = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
        var authority = rest[..<authorityEnd]
        if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
        var origin = String(rest[authorityEnd...])
        if !origin.hasPrefix("/") { origin = "/" + origin }
        return (String(authority), origin)
    }

    /// Go's check of a Host header (`httpguts.ValidHostHeader`): visible ASCII of a host, port or IPv6 literal only.
    static func isValidHostHeader(_ host: String) -> Bool {
        host.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                true
            default:
                "!$%&'()*+,-.:;=[]_~".utf8.contains(byte)
            }
        }
    }

    /// `/a/b?x=1` → `/a/b`; absolute-form URIs (`http://host/a`) give their path.
    static func pathPart(of uri: String) -> String {
        // The usual origin-form URI without query is its own path (no copy).
        if uri.utf8.first == UInt8(ascii: "/"), !uri.utf8.contains(where: { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") }) {
            return uri
        }
        var path = Substring(uri)
        if !path.hasPrefix("/"), let scheme = path.firstRange(of: "://") {
            let afterAuthority = path[scheme.upperBound...]
            path = afterAuthority[(afterAuthority.firstIndex(of: "/") ?? afterAuthority.endIndex)...]
        }
        let end = path.firstIndex { $0 == "?" || $0 == "#" } ?? path.endIndex
        let result = path[..<end]
        return result.isEmpty ? "/" : String(result)
    }
}
