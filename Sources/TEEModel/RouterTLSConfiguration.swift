/// `http.routers.<name>.tls`.
public struct RouterTLSConfiguration: Sendable, Equatable {
    /// `options`: the name of a `tls.options` entry; nil means `default`.
    public var options: String?
    /// `domains[].main` and `.sans`: names the router's certificate should cover.
    public var domains: [String]

    public init(options: String? = nil, domains: [String] = []) {
        self.options = options
        self.domains = domains
    }
}
