/// A node's files for mutual TLS within the cluster (PEM): the cluster CA that signed every
/// node's certificate, and this node's certificate and key. etcd clients, the snapshot stream
/// and the API all use them.
public struct NodeTLSFiles: Sendable, Hashable {
    public var caFile: String
    public var certFile: String
    public var keyFile: String

    public init(caFile: String, certFile: String, keyFile: String) {
        self.caFile = caFile
        self.certFile = certFile
        self.keyFile = keyFile
    }
}
