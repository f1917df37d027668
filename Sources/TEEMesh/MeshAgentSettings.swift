public import TEEModel

/// What one agent needs to know about itself and its peers, from its command line (or its
/// cluster membership): the node it runs on, the cluster whose identities it trusts, where it
/// listens for other agents, and where those agents listen.
public struct MeshAgentSettings: Sendable {
    /// This node's name, as the mesh configuration's instances name it.
    public var node: String
    /// The cluster's name: the trust domain of its SPIFFE IDs (`spiffe://<cluster>/…`).
    public var clusterName: String
    /// Where other agents connect (mTLS only).
    public var listenHost: String
    public var listenPort: Int
    /// The address other agents use for this agent's inter-agent port, by node name.
    public var peers: [String: HostPort]
    /// Where the DNS responder listens; nil runs none.
    public var dnsHost: String?
    public var dnsPort: Int
    /// Explicit upstreams: `127.0.0.1:PORT` (or another local address) forwarding to a service,
    /// for applications that cannot use the `.mesh` names.
    public var upstreams: [MeshUpstream]
    /// Where `/metrics` is served (Prometheus text); nil serves none.
    public var metricsHost: String?
    public var metricsPort: Int

    /// The default inter-agent port.
    public static let defaultListenPort = 4243

    public init(node: String, clusterName: String, listenHost: String = "0.0.0.0", listenPort: Int = Self.defaultListenPort,
                peers: [String: HostPort] = [:], dnsHost: String? = nil, dnsPort: Int = 53, upstreams: [MeshUpstream] = [],
                metricsHost: String? = nil, metricsPort: Int = 9_105) {
        self.node = node
        self.clusterName = clusterName
        self.listenHost = listenHost
        self.listenPort = listenPort
        self.peers = peers
        self.dnsHost = dnsHost
        self.dnsPort = dnsPort
        self.upstreams = upstreams
        self.metricsHost = metricsHost
        self.metricsPort = metricsPort
    }

    /// Where this agent's own inter-agent port is reached from this host.
    var ownAddress: HostPort {
        HostPort(host: self.listenHost == "0.0.0.0" ? "127.0.0.1" : self.listenHost, port: self.listenPort)
    }
}
