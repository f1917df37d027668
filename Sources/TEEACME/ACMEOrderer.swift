import Foundation
public import Logging
public import TEEModel
import SwiftASN1
import X509

/// Obtains one certificate: places the order, has each authorization's challenge answered by the
/// solver for its kind, waits for the CA, finalizes with a fresh key and downloads the chain.
public struct ACMEOrderer: Sendable {
    let client: ACMEClient
    let resolver: ACMEResolverConfiguration
    let solvers: [ACMEChallengeKind: any ACMEChallengeSolver]
    let logger: Logger
    /// How often the CA's progress is polled (the CA's Retry-After wins when it sends one).
    let pollInterval: Duration

    public init(client: ACMEClient, resolver: ACMEResolverConfiguration, solvers: [ACMEChallengeKind: any ACMEChallengeSolver],
                logger: Logger, pollInterval: Duration = .milliseconds(500)) {
        self.client = client
        self.resolver = resolver
        self.solvers = solvers
        self.logger = logger
        self.pollInterval = pollInterval
    }

    public func obtain(_ domain: CertificateDomain) async throws -> IssuedCertificate {
        let names = domain.names
        let (orderURL, placed) = try await self.client.newOrder(names)
        self.logger.info("ACME order placed", metadata: ["resolver": "\(self.resolver.name)", "domains": "\(names)", "order": "\(orderURL)"])
        var order = placed
        if order.status == "pending" {
            for url in order.authorizations {
                try await self.authorize(url)
            }
            order = try await self.client.order(orderURL)
        }
        if order.status == "ready" {
            let (key, signature) = try CertificateKeyType.generate(self.resolver.keyType)
            let csr = try CertificateRequestBuilder.der(names: names, key: key, signature: signature)
            let keyPEM = try key.serializeAsPEM().pemString
            order = try await self.client.finalize(order.finalize, csrDER: csr)
            order = try await self.waitForOrder(orderURL, current: order)
            guard let certificateURL = order.certificate else {
                throw ACMEProblem(type: "tee:noCertificate", detail: "the order for \(names.joined(separator: ", ")) is \(order.status) without a certificate")
            }
            let chain = try await self.client.certificateChain(certificateURL, preferredChain: self.resolver.preferredChain)
            return IssuedCertificate(domain: domain, certificatePEM: chain, keyPEM: keyPEM)
        }
        throw ACMEProblem(type: "tee:order", detail: "the order for \(names.joined(separator: ", ")) is \(order.status)"
                          + (order.error.map { ": \($0.text)" } ?? ""))
    }

    private func authorize(_ url: String) async throws {
        let authorization = try await self.client.authorization(url)
        guard authorization.status == "pending" else {
            if authorization.status == "valid" { return }
            throw ACMEProblem(type: "tee:authorization", detail: "the authorization for \(authorization.identifier.value) is \(authorization.status)")
        }
        let wildcard = authorization.wildcard ?? false
        let domain = wildcard ? "*.\(authorization.identifier.value)" : authorization.identifier.value
        let offered = authorization.challenges.compactMap { challenge in ACMEChallengeKind(rawValue: challenge.type).map { ($0, challenge) } }
        guard let (kind, challenge) = self.resolver.challengeKinds.lazy.compactMap({ kind in offered.first { $0.0 == kind } }).first,
              let solver = self.solvers[kind], let token = challenge.token else {
            let have = self.resolver.challengeKinds.map(\.rawValue).joined(separator: ", ")
            let want = authorization.challenges.map(\.type).joined(separator: ", ")
            throw ACMEProblem(type: "tee:noChallenge", detail: "the CA offers \(want) for \(domain) and this resolver answers \(have)"
                              + (wildcard ? "; wildcard names need dnsChallenge" : ""))
        }
        let keyAuthorization = "\(token).\(await self.client.thumbprint)"
        try await solver.present(kind, domain: authorization.identifier.value, token: token, keyAuthorization: keyAuthorization)
        defer {
            Task { await solver.cleanUp(kind, domain: authorization.identifier.value, token: token, keyAuthorization: keyAuthorization) }
        }
        try await self.client.respond(to: challenge.url)
        let deadline = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < deadline {
            try await Task.sleep(for: self.pollInterval)
            let current = try await self.client.authorization(url)
            switch current.status {
            case "valid":
                self.logger.info("ACME challenge passed", metadata: ["domain": "\(domain)", "challenge": "\(kind.rawValue)"])
                return
            case "pending":
                continue
            default:
                let detail = current.challenges.first { $0.type == kind.rawValue }?.error?.text ?? "no reason given"
                throw ACMEProblem(type: "tee:challengeFailed", detail: "\(kind.rawValue) for \(domain) failed: \(detail)")
            }
        }
        throw ACMEProblem(type: "tee:challengeTimeout", detail: "\(kind.rawValue) for \(domain): the CA did not decide within 120 s")
    }

    private func waitForOrder(_ url: String, current: ACMEOrder) async throws -> ACMEOrder {
        var order = current
        let deadline = ContinuousClock.now + .seconds(120)
        while order.status == "processing" || order.status == "ready", ContinuousClock.now < deadline {
            try await Task.sleep(for: self.pollInterval)
            order = try await self.client.order(url)
        }
        return order
    }
}
