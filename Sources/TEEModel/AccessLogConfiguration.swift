/// `accessLog`: where and how requests are logged.
public struct AccessLogConfiguration: Sendable, Equatable {
    /// `filePath`; nil writes to the daemon's log (the journal under systemd).
    public var filePath: String?
    /// `common` (Traefik's CLF variant) or `json`.
    public var format: String

    public init(filePath: String? = nil, format: String = "common") {
        self.filePath = filePath
        self.format = format
    }
}
