/// `cluster` in a proxy's static configuration: it takes its dynamic configuration from the
/// controllers' snapshot stream instead of the file provider.
public struct ClusterMembershipConfiguration: Sendable, Equatable {
    /// This node's name, as the cluster lists it.
    public var nodeName: String
    /// The controllers' distribution addresses (`host:port`), tried in turn.
    public var controllers: [String]
    /// Where the last good snapshot is kept (`/var/lib/tee/proxy`).
    public var stateDirectory: String
    /// Mutual TLS with the controllers: the cluster CA and this node's certificate and key.
    public var caFile: String?
    public var certFile: String?
    public var keyFile: String?

    public init(nodeName: String, controllers: [String], stateDirectory: String = "/var/lib/tee/proxy",
                caFile: String? = nil, certFile: String? = nil, keyFile: String? = nil) {
        self.nodeName = nodeName
        self.controllers = controllers
        self.stateDirectory = stateDirectory
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
    }

    public static func parse(_ node: ConfigNode) throws(ConfigurationError) -> Self {
        try node.requireKnownKeys(["nodeName", "controllers", "stateDirectory", "tls"])
        guard let name = try node.child("nodeName")?.string(), !name.isEmpty else {
            throw node.error("missing nodeName; name this proxy as the cluster should list it (teeadm join writes it)")
        }
        let controllers = try node.child("controllers")?.stringList() ?? []
        guard !controllers.isEmpty else { throw node.error("missing controllers; list their addresses, such as [\"10.0.0.1:7441\"]") }
        for controller in controllers where HostPort(parsing: controller) == nil {
            throw node.error("controller '\(controller)' is not HOST:PORT")
        }
        var membership = Self(nodeName: name, controllers: controllers,
                              stateDirectory: try node.child("stateDirectory")?.string() ?? "/var/lib/tee/proxy")
        if let tls = try node.child("tls") {
            try tls.requireKnownKeys(["caFile", "certFile", "keyFile"])
            membership.caFile = try tls.child("caFile")?.string()
            membership.certFile = try tls.child("certFile")?.string()
            membership.keyFile = try tls.child("keyFile")?.string()
            guard membership.caFile != nil, membership.certFile != nil, membership.keyFile != nil else {
                throw tls.error("give caFile, certFile and keyFile together")
            }
        }
        return membership
    }
}
