/// SMI's `TrafficTarget`: which source services may reach a destination service, and with
/// which routes. Traffic nothing allows is denied; the destination's agent enforces it.
public struct TrafficTarget: Sendable {
    public var name: String
    public var namespace: String
    public var destination: MeshServiceIdentity
    public var sources: [MeshServiceIdentity]
    /// No rules: every request and port is allowed for the sources.
    public var rules: [TrafficTargetRule]

    public init(name: String, namespace: String, destination: MeshServiceIdentity, sources: [MeshServiceIdentity], rules: [TrafficTargetRule]) {
        self.name = name
        self.namespace = namespace
        self.destination = destination
        self.sources = sources
        self.rules = rules
    }
}
