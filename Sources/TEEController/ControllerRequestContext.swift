import Hummingbird
import NIOCore
import NIOSSL

/// The API's request context: Hummingbird's, plus the connection, to tell whether the client
/// presented a certificate from the cluster CA.
struct ControllerRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel

    init(source: ApplicationRequestContextSource) {
        self.coreContext = .init(source: source)
        self.channel = source.channel
    }

    /// The TLS client's certificate (DER), when it presented one.
    var clientCertificate: [UInt8]? {
        get async {
            guard let certificate = try? await self.channel.nioSSL_peerCertificate().get() else { return nil }
            return try? certificate.toDERBytes()
        }
    }

    /// Whether the request may use the whole API: it came over the unix socket, or over plain
    /// TCP from loopback (a controller started without certificates, as scripts/local-cluster
    /// does: never open to the network), or its TLS client presented a certificate the CA signed
    /// (the handshake verified it).
    var isTrusted: Bool {
        get async {
            guard (try? await self.channel.pipeline.handler(type: NIOSSLServerHandler.self).get()) != nil else {
                guard let peer = self.channel.remoteAddress?.ipAddress else { return true }
                return peer.hasPrefix("127.") || peer == "::1" || peer.hasPrefix("::ffff:127.")
            }
            return (try? await self.channel.nioSSL_peerCertificate().get()) != nil
        }
    }
}
