import NIOCore
import NIOSSL
import TEEModel

/// What the proxy knows of one client connection, worked out once when it is set up and shared
/// by its requests: every stream of an HTTP/2 connection reads the same copy.
final class ClientConnection: Sendable {
    let address: IPAddress?
    /// The client's address as text (`X-Forwarded-For`, `X-Real-Ip`, access logs).
    let addressText: String?
    /// Whether the client's `X-Forwarded-*` headers are trusted.
    let trusted: Bool
    let localPort: Int?
    let localPortText: String?
    /// The certificate a TLS client presented, in DER.
    let certificate: [UInt8]?
    /// The TLS version and cipher suite, when a ``ServerHelloObserver`` watched the handshake.
    let tls: TLSSessionLabels?

    /// Reads `channel` (the connection, not a stream), on its event loop; `observesTLS` when the
    /// entry point put a ``ServerHelloObserver`` on it.
    init(channel: any Channel, isTLS: Bool, observesTLS: Bool, forwardedHeaders: ForwardedHeaders) {
        self.address = channel.remoteAddress?.ipAddress.flatMap(IPAddress.init)
        self.addressText = self.address?.description
        self.trusted = forwardedHeaders.isTrusted(self.address)
        self.localPort = channel.localAddress?.port
        self.localPortText = self.localPort.map(String.init)
        self.certificate = isTLS ? try? channel.pipeline.syncOperations.nioSSL_peerCertificate()?.toDERBytes() : nil
        let hello = isTLS && observesTLS ? try? channel.pipeline.syncOperations.handler(type: ServerHelloObserver.self) : nil
        if let hello, let version = hello.version, let cipher = hello.cipher {
            self.tls = TLSSessionLabels(version: version, cipher: cipher)
        } else {
            self.tls = nil
        }
    }
}
