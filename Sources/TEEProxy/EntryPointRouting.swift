/// Per-entry-point router defaults from the static configuration (`entryPoints.<name>.http`).
public struct EntryPointRouting: Sendable, Equatable {
    public var name: String
    /// `http.middlewares`: applied before each router's own middlewares.
    public var defaultMiddlewares: [String]
    /// `http.tls`: routers on this entry point serve TLS even without their own `tls` section.
    public var defaultTLS: Bool

    public init(name: String, defaultMiddlewares: [String] = [], defaultTLS: Bool = false) {
        self.name = name
        self.defaultMiddlewares = defaultMiddlewares
        self.defaultTLS = defaultTLS
    }
}
