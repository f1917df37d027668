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

    /// Whether the request may use the whole API: it came over the unix socket (no TLS), or
    /// its TLS client presented a certificate the CA signed (the handshake verified it).
    var isTrusted: Bool {
        get async {
            guard (try? await self.channel.pipeline.handler(type: NIOSSLServerHandler.self).get()) != nil else { return true }
            return (try? await self.channel.nioSSL_peerCertificate().get()) != nil
        }
    }
}
