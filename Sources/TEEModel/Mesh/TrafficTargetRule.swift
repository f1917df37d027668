/// A rule of a `TrafficTarget`: a route group (all of its matches, or the named ones) or a TCP route.
public struct TrafficTargetRule: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case httpRouteGroup = "HTTPRouteGroup"
        case tcpRoute = "TCPRoute"
    }

    public var kind: Kind
    public var name: String
    /// For a route group: the names of the matches that apply; empty means all of them.
    public var matches: [String]

    public init(kind: Kind, name: String, matches: [String] = []) {
        self.kind = kind
        self.name = name
        self.matches = matches
    }
}
