/// Why a request could not be forwarded.
enum UpstreamError: Error, CustomStringConvertible {
    case tlsNotSupported(String)
    case closedBeforeResponse
    case responseHeaderTimeout

    var description: String {
        switch self {
        case .tlsNotSupported(let url): "forwarding to \(url) needs TLS to upstreams, which this build does not support yet"
        case .closedBeforeResponse: "the server closed the connection before answering"
        case .responseHeaderTimeout: "the server did not answer within responseHeaderTimeout"
        }
    }
}
