public import TEEDistribution
public import TEEModel
public import TEEStore

/// What a controller needs to run (from `tee-controller`'s options).
public struct ControllerSettings: Sendable {
    /// This controller's node name.
    public var name: String
    /// The local etcd member's client URL.
    public var etcd: EtcdEndpoint
    public var etcdTLS: EtcdTLS?
    /// The REST API on a unix socket (root and teeadm on this node), and on a TCP address.
    public var apiSocket: String?
    public var apiAddress: HostPort?
    /// Where proxies and agents get their snapshot stream, and its mutual TLS.
    public var distributionAddress: HostPort
    public var distributionTLS: DistributionTLS?
    /// The file provider's directory (`/etc/tee/dynamic.d`); nil for none.
    public var dynamicDirectory: String?
    /// Seconds a dead leader keeps the role.
    public var leaderLeaseTTL: Int64
    /// The cluster's data key file (seals stored private keys); nil for none.
    public var dataKeyFile: String?
    /// The cluster CA's private key, to sign joining nodes' certificates; nil for none.
    public var caKeyFile: String?
    /// `certificatesResolvers` of the static file (`--static-config`): the leader obtains their certificates.
    public var certificateResolvers: [ACMEResolverConfiguration] = []
    /// `providers` of the static file beyond `file` (Docker, key-value stores, HTTP): the leader runs them.
    public var providers = ProvidersConfiguration()

    public init(name: String, etcd: EtcdEndpoint, etcdTLS: EtcdTLS? = nil, apiSocket: String? = nil,
                apiAddress: HostPort? = nil, distributionAddress: HostPort,
                distributionTLS: DistributionTLS? = nil, dynamicDirectory: String? = nil, leaderLeaseTTL: Int64 = 3,
                dataKeyFile: String? = nil, caKeyFile: String? = nil) {
        self.dataKeyFile = dataKeyFile
        self.caKeyFile = caKeyFile
        self.name = name
        self.etcd = etcd
        self.etcdTLS = etcdTLS
        self.apiSocket = apiSocket
        self.apiAddress = apiAddress
        self.distributionAddress = distributionAddress
        self.distributionTLS = distributionTLS
        self.dynamicDirectory = dynamicDirectory
        self.leaderLeaseTTL = leaderLeaseTTL
    }

    /// The snapshot stream's address as nodes reach it: the API's host (the advertised address)
    /// with the stream's port when the stream listens on every address.
    var streamAddressText: String {
        var address = self.distributionAddress
        if address.host == "0.0.0.0" || address.host == "::" { address.host = self.apiAddress?.host ?? "127.0.0.1" }
        return address.description
    }

    /// The API address as other controllers reach it (`host:port`), or "".
    var apiAddressText: String { self.apiAddress?.description ?? "" }
}
