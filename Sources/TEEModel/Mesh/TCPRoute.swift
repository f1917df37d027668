/// SMI's `TCPRoute`: the destination ports a `TrafficTarget` rule admits (none listed: any).
public struct TCPRoute: Sendable {
    public var name: String
    public var namespace: String
    public var ports: [Int]

    public init(name: String, namespace: String, ports: [Int]) {
        self.name = name
        self.namespace = namespace
        self.ports = ports
    }

    public func admits(port: Int) -> Bool { self.ports.isEmpty || self.ports.contains(port) }
}
