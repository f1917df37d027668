/// Why a request could not be forwarded.
enum UpstreamError: Error, CustomStringConvertible {
    case closedBeforeResponse
    case responseHeaderTimeout

    var description: String {
        switch self {
        case .closedBeforeResponse: "the server closed the connection before answering"
        case .responseHeaderTimeout: "the server did not answer within responseHeaderTimeout"
        }
    }
}
