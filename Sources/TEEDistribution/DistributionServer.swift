public import TEEModel
import GRPCCore
import GRPCNIOTransportHTTP2
public import ServiceLifecycle

/// Serves the snapshot stream on the controller's distribution address, with mutual TLS when
/// given certificates (nodes must present one signed by the cluster CA).
public struct DistributionServer: Service {
    let host: String
    let port: Int
    let tls: DistributionTLS?
    let delegate: any DistributionDelegate

    public init(host: String, port: Int, tls: DistributionTLS?, delegate: any DistributionDelegate) {
        self.host = host
        self.port = port
        self.tls = tls
        self.delegate = delegate
    }

    public func run() async throws {
        let security: HTTP2ServerTransport.Posix.TransportSecurity
        if let tls = self.tls {
            security = .mTLS(certificateChain: [.file(path: tls.certFile, format: .pem)],
                             privateKey: .file(path: tls.keyFile, format: .pem)) { config in
                config.trustRoots = .certificates([.file(path: tls.caFile, format: .pem)])
                config.clientCertificateVerification = .noHostnameVerification
            }
        } else {
            security = .plaintext
        }
        let address: GRPCNIOTransportCore.SocketAddress = self.host.contains(":")
            ? .ipv6(host: self.host, port: self.port) : .ipv4(host: self.host, port: self.port)
        let server = GRPCServer(transport: HTTP2ServerTransport.Posix(address: address, transportSecurity: security, config: .defaults { config in
            // Nodes that vanish without closing are noticed within seconds.
            config.connection.keepalive.time = .seconds(5)
            config.connection.keepalive.timeout = .seconds(3)
            config.connection.keepalive.clientBehavior.allowWithoutCalls = true
        }), services: [DistributionService(delegate: self.delegate)])
        try await withGracefulShutdownHandler {
            try await server.serve()
        } onGracefulShutdown: {
            server.beginGracefulShutdown()
        }
    }
}
