import Foundation
import Logging
import NIOCore
import NIOPosix
import TEEModel

/// Answers dns-01 by RFC 2136 dynamic updates, as lego's `rfc2136` provider that Traefik uses,
/// from the same variables: `RFC2136_NAMESERVER`, `RFC2136_TSIG_KEY`, `RFC2136_TSIG_SECRET`
/// (or `RFC2136_TSIG_SECRET_FILE`), `RFC2136_TSIG_ALGORITHM`, `RFC2136_TTL`,
/// `RFC2136_PROPAGATION_TIMEOUT`, `RFC2136_POLLING_INTERVAL`, `RFC2136_DNS_TIMEOUT`.
struct RFC2136Solver: ACMEChallengeSolver {
    let nameserver: DNSExchange
    /// The servers asked whether the record is visible (`dnsChallenge.resolvers`, else the nameserver).
    let checkers: [DNSExchange]
    let key: TSIGKey?
    let ttl: UInt32
    let propagationTimeout: Duration
    let pollingInterval: Duration
    let configuration: DNSChallengeConfiguration
    let logger: Logger

    init(configuration: DNSChallengeConfiguration, environment: [String: String], logger: Logger,
         group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) throws {
        func value(_ name: String) throws -> String? {
            if let path = environment[name + "_FILE"] {
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ACMEProblem(type: "tee:dnsConfiguration", detail: "\(name)_FILE: cannot read \(path)")
                }
                return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            return environment[name].flatMap { $0.isEmpty ? nil : $0 }
        }
        func seconds(_ name: String, default fallback: Int) throws -> Duration {
            guard let text = try value(name) else { return .seconds(fallback) }
            guard let number = Int(text), number > 0 else {
                throw ACMEProblem(type: "tee:dnsConfiguration", detail: "\(name) is '\(text)'; give a whole number of seconds")
            }
            return .seconds(number)
        }
        guard let nameserver = try value("RFC2136_NAMESERVER") else {
            throw ACMEProblem(type: "tee:dnsConfiguration",
                              detail: "dnsChallenge provider rfc2136 needs RFC2136_NAMESERVER (host:port of the zone's primary server) in the environment of the process, e.g. in /etc/default/tee-proxy")
        }
        let timeout = try seconds("RFC2136_DNS_TIMEOUT", default: 10)
        self.nameserver = try DNSExchange(server: nameserver, timeout: timeout, group: group)
        self.checkers = try configuration.resolvers.isEmpty
            ? [self.nameserver]
            : configuration.resolvers.map { try DNSExchange(server: $0, timeout: timeout, group: group) }
        let keyName = try value("RFC2136_TSIG_KEY")
        let secret = try value("RFC2136_TSIG_SECRET")
        if (keyName == nil) != (secret == nil) {
            throw ACMEProblem(type: "tee:dnsConfiguration", detail: "set both RFC2136_TSIG_KEY and RFC2136_TSIG_SECRET, or neither")
        }
        if let keyName, let secret {
            self.key = try TSIGKey(name: keyName, algorithm: try value("RFC2136_TSIG_ALGORITHM") ?? "hmac-md5.sig-alg.reg.int.", secretBase64: secret)
        } else {
            self.key = nil
        }
        let ttl = try value("RFC2136_TTL").map { text -> UInt32 in
            guard let number = UInt32(text) else { throw ACMEProblem(type: "tee:dnsConfiguration", detail: "RFC2136_TTL is '\(text)'; give seconds") }
            return number
        }
        self.ttl = ttl ?? 120
        self.propagationTimeout = try seconds("RFC2136_PROPAGATION_TIMEOUT", default: 60)
        self.pollingInterval = try seconds("RFC2136_POLLING_INTERVAL", default: 2)
        self.configuration = configuration
        self.logger = logger
    }

    func present(_ kind: ACMEChallengeKind, domain: String, token: String, keyAuthorization: String) async throws {
        let (name, value) = Self.record(domain: domain, keyAuthorization: keyAuthorization)
        try await self.update(name: name, value: value, class: DNSMessageWriter.classIN)
        self.logger.debug("dns-01 record added", metadata: ["name": "\(name)"])
        if self.configuration.delayBeforeChecks > .zero { try await Task.sleep(for: self.configuration.delayBeforeChecks) }
        guard !self.configuration.disableChecks else { return }
        let deadline = ContinuousClock.now + self.propagationTimeout
        while true {
            var visible = true
            for checker in self.checkers where try await !self.sees(checker, name: name, value: value) {
                visible = false
            }
            if visible { return }
            guard ContinuousClock.now < deadline else {
                throw ACMEProblem(type: "tee:dnsPropagation", detail: "the TXT record \(name) was not visible at \(self.checkers.map { "\($0.server)" }.joined(separator: ", ")) within \(self.propagationTimeout)")
            }
            try await Task.sleep(for: self.pollingInterval)
        }
    }

    func cleanUp(_ kind: ACMEChallengeKind, domain: String, token: String, keyAuthorization: String) async {
        let (name, value) = Self.record(domain: domain, keyAuthorization: keyAuthorization)
        do {
            try await self.update(name: name, value: value, class: DNSMessageWriter.classNONE)
        } catch {
            self.logger.warning("dns-01 record not removed", metadata: ["name": "\(name)", "error": "\(error)"])
        }
    }

    /// `_acme-challenge.DOMAIN` and base64url(SHA-256(key authorization)) (RFC 8555 §8.4).
    static func record(domain: String, keyAuthorization: String) -> (name: String, value: String) {
        let base = domain.hasPrefix("*.") ? String(domain.dropFirst(2)) : domain
        return ("_acme-challenge.\(base)", Base64URL.encode(SHA256Digest.of(keyAuthorization)))
    }

    /// Adds (`class` IN) or deletes (NONE) the TXT record in the zone that holds it.
    private func update(name: String, value: String, class recordClass: UInt16) async throws {
        let zone = try await self.zone(of: name)
        let id = UInt16.random(in: 1...UInt16.max)
        var message = DNSMessageWriter(id: id, opcode: 5)
        message.question(zone, type: DNSMessageWriter.typeSOA)
        message.updateTXT(name, text: value, ttl: self.ttl, class: recordClass)
        let bytes = self.key.map { $0.sign(message, id: id) } ?? message.bytes
        let answer = try await self.nameserver.send(bytes, id: id)
        guard answer.responseCode == 0 else {
            throw ACMEProblem(type: "tee:dnsUpdate", detail: "\(self.nameserver.server) refused the update of \(name) in zone \(zone): "
                              + Self.responseCodeName(answer.responseCode))
        }
    }

    /// The zone a name is in: the owner of the SOA the nameserver gives for it (as the answer at
    /// the apex, in the authority section below it), walking up a label when it gives none.
    private func zone(of name: String) async throws -> String {
        var candidate = name
        while !candidate.isEmpty {
            let id = UInt16.random(in: 1...UInt16.max)
            var query = DNSMessageWriter(id: id, opcode: 0)
            query.question(candidate, type: DNSMessageWriter.typeSOA)
            let answer = try await self.nameserver.send(query.bytes, id: id)
            if let soa = (answer.answers + answer.authority).first(where: { $0.type == DNSMessageWriter.typeSOA }) {
                return soa.name
            }
            guard let dot = candidate.firstIndex(of: ".") else { break }
            candidate = String(candidate[candidate.index(after: dot)...])
        }
        throw ACMEProblem(type: "tee:dnsZone", detail: "\(self.nameserver.server) is not authoritative for any zone holding \(name); point RFC2136_NAMESERVER at the zone's primary server")
    }

    private func sees(_ checker: DNSExchange, name: String, value: String) async throws -> Bool {
        let id = UInt16.random(in: 1...UInt16.max)
        var query = DNSMessageWriter(id: id, opcode: 0, recursionDesired: true)
        query.question(name, type: DNSMessageWriter.typeTXT)
        let answer = try await checker.send(query.bytes, id: id)
        return answer.answers.contains { $0.type == DNSMessageWriter.typeTXT && DNSMessageReader.text($0.data) == value }
    }

    private static func responseCodeName(_ code: UInt8) -> String {
        switch code {
        case 1: "FORMERR (the server could not read the update)"
        case 2: "SERVFAIL"
        case 3: "NXDOMAIN"
        case 4: "NOTIMP (the server does not accept dynamic updates)"
        case 5: "REFUSED (the zone does not allow updates with this key: check allow-update and RFC2136_TSIG_KEY)"
        case 9: "NOTAUTH (the TSIG key or its secret is wrong, or the clock is off by more than 5 minutes)"
        case 10: "NOTZONE"
        default: "response code \(code)"
        }
    }
}
