/// `http.routers.<name>.tls`.
public struct RouterTLSConfiguration: Sendable, Equatable {
    /// `options`: the name of a `tls.options` entry; nil means `default`.
    public var options: String?
    /// `domains[].main` and `.sans`: names the router's certificate should cover.
    public var domains: [String]

    /// The `tls.options` entry this router uses: `options` without a `@file` suffix, or `default`.
    public var optionsName: String {
        guard let options, !options.isEmpty else { return "default" }
        return options.hasSuffix("@file") ? String(options.dropLast("@file".count)) : options
    }

    public init(options: String? = nil, domains: [String] = []) {
        self.options = options
        self.domains = domains
    }
}
