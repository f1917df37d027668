public import TEEModel

/// An explicit upstream: a local address and port that forwards to one mesh service, for
/// applications that cannot resolve `<service>.<namespace>.mesh`.
public struct MeshUpstream: Sendable, Hashable {
    public var listen: HostPort
    public var service: MeshServiceIdentity

    public init(listen: HostPort, service: MeshServiceIdentity) {
        self.listen = listen
        self.service = service
    }

    /// Parses `[HOST:]PORT=SERVICE.NAMESPACE` (the host defaults to 127.0.0.1, the namespace to
    /// `default`); nil when it does not.
    public init?(_ text: String) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        let listen = parts[0].contains(":") ? HostPort(parsing: parts[0]) : Int(parts[0]).flatMap { HostPort(parsing: "127.0.0.1:\($0)") }
        let labels = parts[1].split(separator: ".").map(String.init)
        guard let listen, (1...2).contains(labels.count), labels.allSatisfy(MeshServiceIdentity.isValidLabel) else { return nil }
        self.init(listen: listen, service: MeshServiceIdentity(name: labels[0], namespace: labels.count == 2 ? labels[1] : "default"))
    }
}
