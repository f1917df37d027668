/// Mutual TLS for the snapshot stream: the cluster CA, and this node's certificate and key (PEM).
public struct DistributionTLS: Sendable, Hashable {
    public var caFile: String
    public var certFile: String
    public var keyFile: String

    public init(caFile: String, certFile: String, keyFile: String) {
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
    }
}
