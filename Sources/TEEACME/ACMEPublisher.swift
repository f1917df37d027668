public import TEEModel

/// Takes what the certificate manager has to the proxies: the certificates to serve and the
/// answers to the challenges in progress. Returns once the proxies serve them, so that the CA
/// may be told to validate.
public protocol ACMEPublisher: Sendable {
    func publish(certificates: [IssuedCertificate], challenges: ACMEChallengeResponses) async throws
}
