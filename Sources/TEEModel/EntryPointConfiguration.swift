/// `entryPoints.<name>` in the static configuration.
public struct EntryPointConfiguration: Sendable, Equatable {
    /// The entry point's name; a socket passed by systemd with this `FileDescriptorName=` serves it.
    public var name: String
    /// `address`: where to listen when systemd passed no socket of this name.
    public var address: ListenAddress
    /// `transport.lifeCycle.graceTimeOut`: how long in-flight requests may take to finish on shutdown.
    public var graceTimeout: Duration

    /// Traefik's default `graceTimeOut`.
    public static let defaultGraceTimeout = Duration.seconds(10)

    public init(name: String, address: ListenAddress, graceTimeout: Duration = Self.defaultGraceTimeout) {
        self.name = name
        self.address = address
        self.graceTimeout = graceTimeout
    }
}
