public import TEEModel

/// Mutual TLS for the snapshot stream: the cluster CA, and this node's certificate and key.
public typealias DistributionTLS = NodeTLSFiles
