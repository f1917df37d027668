import Crypto
public import TEEModel

/// Sticky sessions: reads the cookie that names a server and writes it when a new one is chosen.
public struct StickyCookie: Sendable {
    public let name: String
    private let configuration: StickyCookieConfiguration

    /// - Parameter serviceName: names the cookie when the configuration does not (as Traefik derives one).
    public init(_ configuration: StickyCookieConfiguration, serviceName: String) {
        self.configuration = configuration
        self.name = configuration.name ?? "_" + Self.value(for: serviceName).prefix(6)
    }

    /// The value of our cookie in a `Cookie` header, if present.
    public func value(in cookieHeaders: [String]) -> String? {
        CookieHeader.value(named: self.name, in: cookieHeaders)
    }

    /// The `Set-Cookie` value that pins the client to `value`.
    public func setCookie(_ value: String) -> String {
        var cookie = "\(self.name)=\(value); Path=\(self.configuration.path ?? "/")"
        if let maxAge = self.configuration.maxAge { cookie += "; Max-Age=\(maxAge)" }
        if self.configuration.httpOnly { cookie += "; HttpOnly" }
        if self.configuration.secure { cookie += "; Secure" }
        if let sameSite = self.configuration.sameSite, !sameSite.isEmpty {
            cookie += "; SameSite=\(sameSite.prefix(1).uppercased() + sameSite.dropFirst().lowercased())"
        }
        return cookie
    }

    /// A stable, short, cookie-safe hash of `text`.
    static func value(for text: String) -> String {
        SHA256.hash(data: Array(text.utf8)).prefix(8).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}
