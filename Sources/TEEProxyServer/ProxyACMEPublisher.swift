import TEEACME
import TEEModel

/// Serves what a standalone proxy's certificate manager publishes: the reloader rebuilds the
/// runtime with the certificates and challenge answers and swaps it in before this returns.
struct ProxyACMEPublisher: ACMEPublisher {
    let reloader: ProxyReloader

    func publish(certificates: [IssuedCertificate], challenges: ACMEChallengeResponses) async throws {
        try await self.reloader.applyACME(certificates: certificates.map(\.files), challenges: challenges)
    }
}
