public import TEEModel

/// Mutual TLS with etcd: the cluster CA that signed the member's certificate, and this client's
/// certificate and key.
public typealias EtcdTLS = NodeTLSFiles
