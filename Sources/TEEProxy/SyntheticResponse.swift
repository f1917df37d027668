public import NIOHTTP1

/// A response the proxy makes itself: errors, redirects, authentication challenges.
public struct SyntheticResponse: Sendable {
    public var status: HTTPResponseStatus
    public var headers: HTTPHeaders
    public var body: String

    public init(status: HTTPResponseStatus, headers: HTTPHeaders = [:], body: String? = nil) {
        self.status = status
        self.headers = headers
        self.body = body ?? "\(status.code) \(status.reasonPhrase)\n"
    }

    /// Traefik's answer when no router matches.
    public static let notFound = SyntheticResponse(status: .notFound, body: "404 page not found\n")
    public static let badGateway = SyntheticResponse(status: .badGateway, body: "Bad Gateway")
    public static let gatewayTimeout = SyntheticResponse(status: .gatewayTimeout, body: "Gateway Timeout")
    public static let serviceUnavailable = SyntheticResponse(status: .serviceUnavailable, body: "no available server")
    public static let internalServerError = SyntheticResponse(status: .internalServerError, body: "Internal Server Error")
}

extension SyntheticResponse {
    /// A redirect to `location`: 301 or 302 for GET and HEAD, 308 or 307 (which keep the method and
    /// body) for the rest, as Traefik answers.
    public static func redirect(to location: String, permanent: Bool, method: HTTPMethod) -> SyntheticResponse {
        // As Traefik: only GET gets 301/302; every other method 308/307, which keep it.
        let keepsMethod = method != .GET
        let status: HTTPResponseStatus = switch (permanent, keepsMethod) {
        case (true, false): .movedPermanently
        case (false, false): .found
        case (true, true): .permanentRedirect
        case (false, true): .temporaryRedirect
        }
        var headers = HTTPHeaders()
        headers.add(name: "Location", value: location)
        return SyntheticResponse(status: status, headers: headers, body: status.reasonPhrase)
    }
}
