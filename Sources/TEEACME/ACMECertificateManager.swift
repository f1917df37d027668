import Foundation
public import Logging
public import TEEModel

/// Keeps every certificate the routers ask for: orders what is missing, renews what is due
/// (Traefik's schedule from `certificatesDuration`), keeps the account and certificates in each
/// resolver's storage and hands the certificates and challenge answers to the proxies. One
/// reconciliation runs at a time; a failed name waits out its backoff.
public actor ACMECertificateManager {
    private let resolvers: [String: ACMEResolverConfiguration]
    private let storages: [String: any ACMEStorage]
    private let board: ACMEChallengeBoard
    private let environment: [String: String]
    private let logger: Logger
    /// How often renewals are checked when nothing else wakes the manager.
    private let checkInterval: Duration
    private var stored: [String: ACMEStoredResolver] = [:]
    /// Resolvers whose storage could not be read: they order nothing, so nothing is overwritten.
    private var unavailable: [String: String] = [:]
    private var clients: [String: ACMEClient] = [:]
    private var demands: [ACMECertificateDemand] = []
    private var backoffs: [String: ACMEOrderBackoff] = [:]
    private let wake: AsyncStream<Void>.Continuation
    private let wakes: AsyncStream<Void>
    /// Told each outcome in a sentence (the cluster's event log).
    private let events: (@Sendable (String) async -> Void)?
    /// Told the report after each pass (the cluster's status key, for `teeadm cert acme`).
    private let reports: (@Sendable ([ACMECertificateReport]) async -> Void)?

    /// - Parameters:
    ///   - storages: where each resolver keeps its account and certificates, by resolver name.
    ///   - environment: the process environment, where the DNS provider's variables are read.
    public init(resolvers: [ACMEResolverConfiguration], storages: [String: any ACMEStorage], publisher: any ACMEPublisher,
                environment: [String: String], logger: Logger, checkInterval: Duration = .seconds(3600),
                events: (@Sendable (String) async -> Void)? = nil, reports: (@Sendable ([ACMECertificateReport]) async -> Void)? = nil) {
        self.events = events
        self.reports = reports
        self.resolvers = Dictionary(uniqueKeysWithValues: resolvers.map { ($0.name, $0) })
        self.storages = storages
        self.board = ACMEChallengeBoard(publisher: publisher)
        self.environment = environment
        self.logger = logger
        self.checkInterval = checkInterval
        (self.wakes, self.wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Loads the stored certificates, serves them, then obtains and renews until cancelled.
    public func run() async {
        await self.loadStorage()
        do {
            try await self.board.serve(self.servedCertificates)
        } catch {
            self.logger.error("ACME certificates could not be published", metadata: ["error": "\(error)"])
        }
        let interval = self.checkInterval
        let wake = self.wake
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                wake.yield()
            }
        }
        defer { ticker.cancel() }
        self.wake.yield()
        for await _ in self.wakes {
            if Task.isCancelled { break }
            await self.reconcile()
        }
        for client in self.clients.values { await client.shutdown() }
    }

    /// The certificates the configuration asks for now; changes are acted on at once.
    public func setDemands(_ demands: [ACMECertificateDemand]) {
        guard demands != self.demands else { return }
        self.demands = demands
        self.wake.yield()
    }

    /// Every certificate held or asked for, with its expiry and last error.
    public func report() -> [ACMECertificateReport] {
        var reports: [ACMECertificateReport] = []
        for (name, resolver) in self.stored.sorted(by: { $0.key < $1.key }) {
            for certificate in resolver.certificates {
                let backoff = self.backoffs[Self.key(name, certificate.domain)]
                reports.append(ACMECertificateReport(resolver: name, names: certificate.domain.names, notAfter: certificate.notAfter,
                                                     lastError: backoff?.lastError, retryAt: backoff?.retryAt))
            }
        }
        for demand in self.demands where self.held(demand) == nil {
            let backoff = self.backoffs[Self.key(demand.resolver, demand.domain)]
            reports.append(ACMECertificateReport(resolver: demand.resolver, names: demand.domain.names, notAfter: nil,
                                                 lastError: backoff?.lastError ?? self.unavailable[demand.resolver], retryAt: backoff?.retryAt))
        }
        return reports
    }

    // MARK: - Reconciliation

    private func loadStorage() async {
        for name in self.resolvers.keys.sorted() {
            guard let storage = self.storages[name] else { continue }
            do {
                self.stored[name] = try await storage.load(resolver: name)
                let count = self.stored[name]?.certificates.count ?? 0
                self.logger.info("ACME storage loaded", metadata: ["resolver": "\(name)", "certificates": "\(count)"])
            } catch {
                self.unavailable[name] = "storage unreadable: \(error)"
                self.logger.error("ACME storage unreadable; this resolver obtains nothing until it is fixed",
                                  metadata: ["resolver": "\(name)", "error": "\(error)"])
            }
        }
    }

    private var servedCertificates: [IssuedCertificate] {
        self.stored.keys.sorted().flatMap { self.stored[$0]!.certificates }
    }

    private func reconcile() async {
        let now = Date()
        var work: [(resolver: String, domain: CertificateDomain, renewal: Bool)] = []
        for demand in self.demands where self.stored[demand.resolver] != nil {
            if self.held(demand) == nil { work.append((demand.resolver, demand.domain, false)) }
        }
        for (name, resolver) in self.stored.sorted(by: { $0.key < $1.key }) {
            guard let configuration = self.resolvers[name] else { continue }
            let before = Double(configuration.renewal.before.components.seconds)
            for certificate in resolver.certificates {
                guard let notAfter = certificate.notAfter, notAfter.timeIntervalSince(now) < before else { continue }
                work.append((name, certificate.domain, true))
            }
        }
        for item in work {
            if Task.isCancelled { return }
            let key = Self.key(item.resolver, item.domain)
            guard self.backoffs[key]?.allowsAttempt() ?? true else { continue }
            await self.obtain(item.domain, resolver: item.resolver, renewal: item.renewal)
        }
        await self.reports?(self.report())
    }

    private func obtain(_ domain: CertificateDomain, resolver name: String, renewal: Bool) async {
        guard let resolver = self.resolvers[name], let storage = self.storages[name] else { return }
        let key = Self.key(name, domain)
        let metadata: Logger.Metadata = ["resolver": "\(name)", "domains": "\(domain.names.joined(separator: ","))"]
        self.logger.info(renewal ? "ACME certificate due for renewal; ordering" : "ACME certificate missing; ordering", metadata: metadata)
        do {
            if domain.names.contains(where: { $0.hasPrefix("*.") }), resolver.dnsChallenge == nil {
                throw ACMEProblem(type: "tee:wildcard", detail: "wildcard names can only be validated by dns-01; add dnsChallenge to resolver \(name)")
            }
            let client = try await self.client(for: resolver, storage: storage)
            let orderer = ACMEOrderer(client: client, resolver: resolver, solvers: try self.solvers(for: resolver), logger: self.logger)
            let certificate = try await orderer.obtain(domain)
            var entry = self.stored[name] ?? ACMEStoredResolver()
            entry.store(certificate)
            try await storage.save(entry, resolver: name)
            self.stored[name] = entry
            self.backoffs[key] = nil
            try await self.board.serve(self.servedCertificates)
            await self.events?("certificate for \(domain.names.joined(separator: ", ")) obtained from resolver \(name)"
                + (certificate.notAfter.map { ", valid until \(ISO8601DateFormatter().string(from: $0))" } ?? ""))
            self.logger.info("ACME certificate obtained", metadata: metadata.merging([
                "not_after": "\(certificate.notAfter.map { ISO8601DateFormatter().string(from: $0) } ?? "?")",
            ]) { $1 })
        } catch {
            var backoff = self.backoffs[key] ?? ACMEOrderBackoff()
            backoff.failed(error)
            self.backoffs[key] = backoff
            await self.events?("order for \(domain.names.joined(separator: ", ")) (resolver \(name)) failed: \(error); next attempt "
                + (backoff.retryAt.map { ISO8601DateFormatter().string(from: $0) } ?? "later"))
            self.logger.error("ACME order failed", metadata: metadata.merging([
                "error": "\(error)", "retry_at": "\(backoff.retryAt.map { ISO8601DateFormatter().string(from: $0) } ?? "?")",
            ]) { $1 })
        }
    }

    /// The resolver's client, registering the account (and storing it) the first time.
    private func client(for resolver: ACMEResolverConfiguration, storage: any ACMEStorage) async throws -> ACMEClient {
        if let client = self.clients[resolver.name] { return client }
        var entry = self.stored[resolver.name] ?? ACMEStoredResolver()
        let reuse = entry.account.flatMap { $0.email == resolver.email ? $0 : nil }
        let key = try reuse.map { try ACMEAccountKey(der: $0.privateKeyDER) } ?? ACMEAccountKey.generate()
        let client = try ACMEClient(directoryURL: resolver.caServer, key: key, accountURL: reuse?.registrationURL,
                                    trustRoots: resolver.caCertificates, systemPool: resolver.caSystemCertPool,
                                    serverName: resolver.caServerName, timeout: resolver.clientTimeout)
        if reuse?.registrationURL == nil {
            let eabHMAC = resolver.eabHMACEncoded.flatMap(Base64URL.decode)
            do {
                let (url, body) = try await client.register(email: resolver.email, eabKeyID: resolver.eabKeyID, eabHMAC: eabHMAC)
                entry.account = ACMEStoredResolver.Account(email: resolver.email, registrationURL: url, registrationBody: body,
                                                           privateKeyDER: key.der, keyType: ACMEStoredResolver.legoKeyType(resolver.keyType))
            } catch {
                await client.shutdown()
                throw error
            }
            try await storage.save(entry, resolver: resolver.name)
            self.stored[resolver.name] = entry
            self.logger.info("ACME account registered", metadata: ["resolver": "\(resolver.name)", "account": "\(entry.account?.registrationURL ?? "")"])
        }
        self.clients[resolver.name] = client
        return client
    }

    private func solvers(for resolver: ACMEResolverConfiguration) throws -> [ACMEChallengeKind: any ACMEChallengeSolver] {
        let published = PublishedChallengeSolver(board: self.board)
        var solvers: [ACMEChallengeKind: any ACMEChallengeSolver] = [.http01: published, .tlsALPN01: published]
        if let dns = resolver.dnsChallenge {
            solvers[.dns01] = try RFC2136Solver(configuration: dns, environment: self.environment, logger: self.logger)
        }
        return solvers
    }

    /// The held certificate that covers every name the demand asks for.
    private func held(_ demand: ACMECertificateDemand) -> IssuedCertificate? {
        self.stored[demand.resolver]?.certificates.first { certificate in
            let names = certificate.domain.names
            return demand.domain.names.allSatisfy { wanted in
                names.contains(wanted) || names.contains { $0.hasPrefix("*.") && HostPattern($0).matches(wanted) }
            }
        }
    }

    private static func key(_ resolver: String, _ domain: CertificateDomain) -> String {
        ACMECertificateDemand.key(resolver: resolver, domain: domain)
    }
}
