/// `accessLog`: where and how requests are logged, which requests, and which fields.
public struct AccessLogConfiguration: Sendable, Equatable {
    /// `filePath`; nil writes to the daemon's log (the journal under systemd, each field its own).
    public var filePath: String?
    /// `common` (Traefik's CLF variant) or `json`.
    public var format: String
    /// `bufferingSize`: lines held before they are written (0: written every 100 ms whatever their number).
    public var bufferingSize: Int
    /// `filters`: with any set, only requests that pass one of them are logged.
    public var filters: AccessLogFilters
    /// `fields`: which fields (and request headers) the JSON lines and journal entries carry.
    public var fields: AccessLogFields
    /// `addInternals`: the proxy's own answers (ping, metrics, the API) are logged too.
    public var addInternals = false
    /// `otlp`: the records also go to an OTLP collector; nil when not.
    public var otlp: OTLPLogsConfiguration?

    public init(filePath: String? = nil, format: String = "common", bufferingSize: Int = 0,
                filters: AccessLogFilters = AccessLogFilters(), fields: AccessLogFields = AccessLogFields()) {
        self.filePath = filePath
        self.format = format
        self.bufferingSize = bufferingSize
        self.filters = filters
        self.fields = fields
    }
}
