/// SMI's `HTTPRouteGroup`: named request matches that `TrafficTarget` rules refer to.
public struct HTTPRouteGroup: Sendable {
    public var name: String
    public var namespace: String
    public var matches: [HTTPRouteMatch]

    public init(name: String, namespace: String, matches: [HTTPRouteMatch]) {
        self.name = name
        self.namespace = namespace
        self.matches = matches
    }
}
