/// `accessLog.fields`: which fields each line carries. Fields are kept unless `defaultMode` or
/// `names` drop them; request headers are dropped unless `headers.defaultMode` or `headers.names`
/// keep them (as `request_<Name>`) or redact them (`REDACTED`).
public struct AccessLogFields: Sendable, Equatable {
    /// `keep`, `drop` or `redact`.
    public enum Mode: String, Sendable, Equatable, CaseIterable {
        case keep, drop, redact
    }

    public var defaultMode: Mode
    /// By field name (`ClientUsername`, `RequestPath`, …).
    public var names: [String: Mode]
    public var headersDefaultMode: Mode
    /// By header name, case-insensitively (stored lower-cased).
    public var headerNames: [String: Mode]

    public init(defaultMode: Mode = .keep, names: [String: Mode] = [:], headersDefaultMode: Mode = .drop, headerNames: [String: Mode] = [:]) {
        self.defaultMode = defaultMode
        self.names = names
        self.headersDefaultMode = headersDefaultMode
        self.headerNames = headerNames
    }

    /// What becomes of field `name`.
    public func mode(ofField name: String) -> Mode {
        self.names[name] ?? self.defaultMode
    }

    /// Whether any header is kept or redacted (with none, the headers need not be looked at).
    public var keepsHeaders: Bool {
        self.headersDefaultMode != .drop || self.headerNames.values.contains { $0 != .drop }
    }

    /// What becomes of request header `name`.
    public func mode(ofHeader name: String) -> Mode {
        self.headerNames[name.lowercased()] ?? self.headersDefaultMode
    }
}
