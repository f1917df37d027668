/// Where the cluster keeps its data in etcd. Everything lives under `/tee/`:
///
/// | key | value | written by |
/// |---|---|---|
/// | `/tee/leader/<lease>` | the candidate controller (JSON), bound to its election lease | each controller |
/// | `/tee/config/sources/<provider>/<name>` | a configuration document (JSON ``ConfigurationDocument``) | the API (`api/…`), the leader (`file/…` from its `/etc/tee/dynamic.d/`; `docker/…`, `redis/…`, `etcd/…`, `zookeeper/…`, `http/…` from its providers) |
/// | `/tee/status/providers/<provider>` | a provider's state: error, last change (JSON) | the leader, fenced |
/// | `/tee/config/snapshot` | the compiled snapshot (protobuf `Snapshot`, version inside) | the leader, fenced |
/// | `/tee/config/status` | the last compilation: version, problems (JSON) | the leader, fenced |
/// | `/tee/nodes/<name>` | a node (JSON ``NodeRecord``), bound to the writing controller's session lease | controllers |
/// | `/tee/events/<ms>-<controller>` | an event (JSON ``ClusterEvent``); the newest 1,000 are kept | controllers; the leader trims |
/// | `/tee/tokens/<id>` | a join token (JSON ``JoinToken``): role, SHA-256 of the secret, expiry | the API |
/// | `/tee/certs/<name>` | a TLS certificate: chain in PEM, private key sealed with the data key (AES-256-GCM) | the API |
public enum ClusterKeys {
    public static let root = "/tee/"
    public static let leaderPrefix = "/tee/leader/"
    public static let sourcesPrefix = "/tee/config/sources/"
    public static let snapshot = "/tee/config/snapshot"
    public static let compileStatus = "/tee/config/status"
    public static let nodesPrefix = "/tee/nodes/"
    /// `/tee/traffic/<node>`: the last traffic sample each proxy reported (on its controller's session lease).
    public static let trafficPrefix = "/tee/traffic/"
    /// `/tee/ratelimit/<node>`: each proxy's last demand on its distributed rate limits (on its controller's session lease).
    public static let demandPrefix = "/tee/ratelimit/"
    public static let eventsPrefix = "/tee/events/"
    public static let tokensPrefix = "/tee/tokens/"
    public static let certificatesPrefix = "/tee/certs/"
    /// Each certificate resolver's ACME account and certificates, sealed with the data key.
    public static let acmePrefix = "/tee/acme/"
    /// The leader's last ACME report: every certificate with its expiry and last error.
    public static let acmeStatus = "/tee/status/acme"

    /// Each provider's state (JSON: error, last change, documents), written by the leader.
    public static let providerStatusPrefix = "/tee/status/providers/"

    public static func providerStatus(_ provider: String) -> String {
        "\(Self.providerStatusPrefix)\(provider)"
    }

    /// The key of a configuration document.
    public static func source(provider: String, name: String) -> String {
        "\(Self.sourcesPrefix)\(provider)/\(name)"
    }

    public static func node(_ name: String) -> String {
        "\(Self.nodesPrefix)\(name)"
    }
}
