/// `entryPoints.<name>.http.redirections.entryPoint`.
public struct EntryPointRedirection: Sendable, Equatable {
    /// `to`: the target entry point's name (or a port such as `:443`).
    public var to: String
    /// `scheme` (default `https`).
    public var scheme: String
    /// `permanent` (default true).
    public var permanent: Bool

    public init(to: String, scheme: String = "https", permanent: Bool = true) {
        self.to = to
        self.scheme = scheme
        self.permanent = permanent
    }
}
