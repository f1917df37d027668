public import TEEModel

/// The agent's own configuration file (`/etc/tee/mesh.yaml`): this node, where it listens, its
/// peers, and where the mesh comes from: a file and a local CA key (standalone), or the
/// controllers (`cluster:`, as `teeadm join --role mesh` writes it).
///
///     node: web-1
///     clusterName: prod
///     listen: "0.0.0.0:4243"
///     peers: {db-1: "10.0.0.12:4243"}
///     dns: "127.0.0.153:53"
///     metrics: "127.0.0.1:9105"
///     upstreams: ["9000=api.shop"]
///     standalone: {meshFile: /etc/tee/mesh.d/mesh.yaml, caCertFile: /etc/tee/pki/ca.pem, caKeyFile: /etc/tee/pki/ca.key}
///
/// In a cluster, `standalone` gives way to `cluster` (the snapshot stream), `controllerAPI` (the
/// controllers' API addresses, for certificates) and `advertise` (where other agents reach this one).
public struct MeshAgentConfiguration: Sendable {
    public var settings: MeshAgentSettings
    /// Standalone: the mesh document (services and policy), re-read on reload.
    public var meshFile: String?
    /// Standalone: the CA that signs this node's service certificates.
    public var caCertFile: String?
    public var caKeyFile: String?
    /// In a cluster: the controllers the mesh comes from.
    public var cluster: ClusterMembershipConfiguration?
    /// In a cluster: the controllers' API addresses (`host:7440`), which sign service certificates.
    public var controllerAPI: [String] = []
    /// In a cluster: the address other agents reach this one on (registered with the controllers).
    public var advertise: HostPort?
    /// `tracing` (the proxy's keys): OpenTelemetry spans of the requests through the agent.
    public var tracing: TracingConfiguration?
    /// `log.otlp` (the proxy's keys): the agent's own log also goes to an OTLP collector.
    public var logOTLP: OTLPLogsConfiguration?

    static let keys = ["tracing", "log", "node", "clusterName", "listen", "advertise", "peers", "dns", "metrics", "upstreams", "standalone", "cluster",
                       "controllerAPI", "entryPoints"]

    /// Reads the file's text; every problem is reported with file, key and line.
    public static func parse(_ text: String, file: String, hostName: String) throws(ConfigurationErrors) -> MeshAgentConfiguration {
        do throws(ConfigurationError) {
            let root = try ConfigNode.parse(text, file: file)
            try root.requireKnownKeys(Self.keys)
            let cluster = try root.child("cluster").map(ClusterMembershipConfiguration.parse)
            let node = try root.child("node")?.string() ?? cluster?.nodeName ?? hostName
            var settings = MeshAgentSettings(node: node, clusterName: try root.child("clusterName")?.string() ?? "tee")
            if let listen = try root.child("listen") {
                let address = try Self.address(listen)
                settings.listenHost = address.host
                settings.listenPort = address.port
            }
            for (name, value) in try root.child("peers")?.entries() ?? [] {
                settings.peers[name] = try Self.address(value)
            }
            if let dns = try root.child("dns") {
                let address = try Self.address(dns)
                settings.dnsHost = address.host
                settings.dnsPort = address.port
            }
            if let metrics = try root.child("metrics") {
                let address = try Self.address(metrics)
                settings.metricsHost = address.host
                settings.metricsPort = address.port
            }
            for item in try root.child("upstreams")?.items() ?? [] {
                guard let upstream = MeshUpstream(try item.string()) else {
                    throw item.error("an upstream is [HOST:]PORT=SERVICE.NAMESPACE, such as \"9000=api.shop\"")
                }
                settings.upstreams.append(upstream)
            }
            var configuration = MeshAgentConfiguration(settings: settings, cluster: cluster)
            configuration.tracing = try root.child("tracing").map(TracingConfiguration.parse)
            if let log = try root.child("log") {
                try log.requireKnownKeys(["otlp"])
                configuration.logOTLP = try log.child("otlp").map(OTLPLogsConfiguration.parse)
            }
            if let standalone = try root.child("standalone") {
                try standalone.requireKnownKeys(["meshFile", "caCertFile", "caKeyFile"])
                guard let meshFile = try standalone.child("meshFile")?.string(), let ca = try standalone.child("caCertFile")?.string(),
                      let key = try standalone.child("caKeyFile")?.string() else {
                    throw standalone.error("give meshFile (services and policy), caCertFile and caKeyFile (the CA that signs this node's services)")
                }
                configuration.meshFile = meshFile
                configuration.caCertFile = ca
                configuration.caKeyFile = key
            }
            guard (configuration.meshFile == nil) != (configuration.cluster == nil) else {
                throw root.error("give either standalone (a mesh file and a CA) or cluster (the controllers, as teeadm join writes it)")
            }
            if let cluster {
                let api = try root.child("controllerAPI")
                configuration.controllerAPI = try api?.stringList() ?? []
                guard !configuration.controllerAPI.isEmpty, configuration.controllerAPI.allSatisfy({ HostPort(parsing: $0) != nil }) else {
                    throw (api ?? root).error("give controllerAPI: the controllers' API addresses, such as [\"10.0.0.1:7440\"]")
                }
                guard cluster.caFile != nil else { throw root.error("cluster needs tls (caFile, certFile, keyFile): the node's certificate") }
                if let advertise = try root.child("advertise") {
                    configuration.advertise = try Self.address(advertise)
                } else if settings.listenHost != "0.0.0.0" {
                    configuration.advertise = HostPort(host: settings.listenHost, port: settings.listenPort)
                } else {
                    throw root.error("give advertise: the HOST:PORT other agents reach this one on (listen is on every address)")
                }
            }
            return configuration
        } catch {
            throw ConfigurationErrors([error])
        }
    }

    private init(settings: MeshAgentSettings, cluster: ClusterMembershipConfiguration?) {
        self.settings = settings
        self.cluster = cluster
    }

    private static func address(_ node: ConfigNode) throws(ConfigurationError) -> HostPort {
        guard let address = HostPort(parsing: try node.string()) else { throw node.error("expected HOST:PORT, such as \"10.0.0.12:4243\"") }
        return address
    }
}
