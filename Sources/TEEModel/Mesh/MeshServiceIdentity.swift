/// A service of the mesh: its name within a namespace.
///
/// Clients reach it as `<name>.<namespace>.mesh`; agents prove it with a certificate that
/// carries `spiffe://<cluster>/ns/<namespace>/svc/<name>`.
public struct MeshServiceIdentity: Hashable, Sendable, CustomStringConvertible {
    public var name: String
    public var namespace: String

    public init(name: String, namespace: String = "default") {
        self.name = name
        self.namespace = namespace
    }

    /// The name the agent's DNS responder answers.
    public var dnsName: String { "\(self.name).\(self.namespace).mesh" }

    /// The URI SAN of the service's certificates in `cluster`.
    public func spiffeID(cluster: String) -> String { "spiffe://\(cluster)/ns/\(self.namespace)/svc/\(self.name)" }

    /// The identity a peer's certificate proves, from its SPIFFE ID; nil when the ID is of
    /// another cluster or not a service's.
    public init?(spiffeID: String, cluster: String) {
        let prefix = "spiffe://\(cluster)/ns/"
        guard spiffeID.hasPrefix(prefix) else { return nil }
        let parts = spiffeID.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[1] == "svc", Self.isValidLabel(String(parts[0])), Self.isValidLabel(String(parts[2])) else { return nil }
        self.init(name: String(parts[2]), namespace: String(parts[0]))
    }

    public var description: String { "\(self.namespace)/\(self.name)" }

    /// Whether `label` can be a service or namespace name: a DNS label of lower-case letters,
    /// digits and '-', 1–63 characters, starting and ending with a letter or digit.
    public static func isValidLabel(_ label: String) -> Bool {
        label.wholeMatch(of: /[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?/) != nil
    }
}
