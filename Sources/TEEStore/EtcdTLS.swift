/// The files for mutual TLS with etcd: the cluster CA that signed the member's certificate,
/// and this client's certificate and key (PEM).
public struct EtcdTLS: Sendable, Hashable {
    public var caFile: String
    public var certFile: String
    public var keyFile: String

    public init(caFile: String, certFile: String, keyFile: String) {
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
    }
}
