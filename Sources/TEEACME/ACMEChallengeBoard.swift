public import TEEModel

/// The challenge answers in progress and the certificates held, published together: each change
/// is handed to the publisher and returns once the proxies serve it.
public actor ACMEChallengeBoard {
    private let publisher: any ACMEPublisher
    public private(set) var challenges = ACMEChallengeResponses()
    public private(set) var certificates: [IssuedCertificate] = []

    public init(publisher: any ACMEPublisher) {
        self.publisher = publisher
    }

    /// Changes the challenge answers and publishes them.
    func change(_ update: (inout ACMEChallengeResponses) -> Void) async throws {
        update(&self.challenges)
        try await self.publisher.publish(certificates: self.certificates, challenges: self.challenges)
    }

    /// Replaces the certificates served and publishes them.
    func serve(_ certificates: [IssuedCertificate]) async throws {
        self.certificates = certificates
        try await self.publisher.publish(certificates: certificates, challenges: self.challenges)
    }
}
