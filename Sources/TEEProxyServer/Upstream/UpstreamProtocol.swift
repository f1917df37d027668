/// What a new upstream connection speaks, decided by its URL and transport, or by ALPN.
enum UpstreamProtocol {
    /// `http://`, or `https://` with `disableHTTP2`.
    case http1
    /// `h2c://`: HTTP/2 without TLS, by prior knowledge.
    case http2Cleartext
    /// `https://`: TLS offering `h2` and `http/1.1`; the server's choice decides.
    case negotiated

    init(scheme: String, disableHTTP2: Bool) {
        switch scheme {
        case "h2c": self = .http2Cleartext
        case "https" where !disableHTTP2: self = .negotiated
        default: self = .http1
        }
    }
}
