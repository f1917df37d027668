import Foundation
import NIOHTTP1
import TEEModel

/// A URL of the oidc middleware's configuration (`redirectUrl`, `loginUrl`…): a path (`/callback`,
/// taking the request's scheme and host), a host and path (`example.com/callback`, the request's
/// scheme) or a whole `http(s)://` URL.
struct OIDCLocation: Sendable {
    let scheme: String?
    let host: String?
    let path: String

    init(_ text: String) {
        var rest = Substring(text)
        if let range = rest.range(of: "://") {
            self.scheme = rest[..<range.lowerBound].lowercased()
            rest = rest[range.upperBound...]
        } else {
            self.scheme = nil
        }
        if rest.hasPrefix("/") {
            self.host = nil
            self.path = String(rest)
        } else {
            let slash = rest.firstIndex(of: "/") ?? rest.endIndex
            self.host = String(rest[..<slash])
            self.path = slash == rest.endIndex ? "/" : String(rest[slash...])
        }
    }

    /// Whether `request` is for this location (its path, and its host when one is given).
    func matches(_ request: ProxyRequest) -> Bool {
        guard request.path == self.path else { return false }
        guard let host = self.host else { return true }
        return HostPattern.normalise(host) == request.host
    }

    /// The location as a whole URL for `request`.
    func absolute(for request: ProxyRequest) -> String {
        "\(self.scheme ?? Self.scheme(of: request))://\(self.host ?? Self.authority(of: request))\(self.path)"
    }

    static func scheme(of request: ProxyRequest) -> String {
        request.isTLS ? "https" : "http"
    }

    static func authority(of request: ProxyRequest) -> String {
        request.head.headers.first(name: "host") ?? request.host
    }
}
