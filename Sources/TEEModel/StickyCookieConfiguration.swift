/// `sticky.cookie`: the cookie that pins a client to one server or service.
public struct StickyCookieConfiguration: Sendable, Equatable {
    /// Cookie name; Traefik derives one from the service name when unset.
    public var name: String?
    public var secure: Bool
    public var httpOnly: Bool
    /// `none`, `lax` or `strict`; nil leaves the attribute out.
    public var sameSite: String?
    /// Seconds; nil makes a session cookie.
    public var maxAge: Int?
    public var path: String?

    public init(name: String? = nil, secure: Bool = false, httpOnly: Bool = false, sameSite: String? = nil,
                maxAge: Int? = nil, path: String? = nil) {
        self.name = name
        self.secure = secure
        self.httpOnly = httpOnly
        self.sameSite = sameSite
        self.maxAge = maxAge
        self.path = path
    }
}
