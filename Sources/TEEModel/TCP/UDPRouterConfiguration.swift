/// `udp.routers.<name>`: every datagram of its entry points goes to its service (UDP has no rules).
public struct UDPRouterConfiguration: Sendable, Equatable {
    public var entryPoints: [String]
    public var service: String

    public init(entryPoints: [String], service: String) {
        self.entryPoints = entryPoints
        self.service = service
    }
}
