import Foundation
import TEETesting
import Testing

extension ACMETests {
    @Test("acme.json round trip: Traefik's file is read back (account reused, other resolvers kept); a certificate due is renewed without dropping open connections")
    func renewalAndRoundTrip() async throws {
        let lab = try await ACMELab()
        let backend = try await TestBackend(name: "app")
        defer { Task { await backend.stop() } }
        // DNS-01 with a wait before the CA is asked, so that a connection can be opened before the renewal lands.
        let resolvers = Self.resolver("le", challenge: "dnsChallenge: {provider: rfc2136, propagation: {delayBeforeChecks: 4s}}")
        let dynamic = """
            http:
              routers:
                r:
                  rule: Host(`r.tee.test`)
                  service: app
                  tls: {certResolver: le}
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """
        let first = try await ACMEProxy(lab: lab, resolvers: resolvers, dynamic: dynamic, environment: lab.rfc2136Environment)
        let root = try await lab.issuingRootFile()
        let issued = try await lab.waitForHTTPS("r.tee.test", port: lab.tlsPort, caFile: root)
        #expect(issued.ok, "\(issued.output)\n\(first.process.log)")
        await first.stop()

        // As Traefik would leave it: the same account, a certificate two days from expiry (inside
        // the 30 days before which a 90-day certificate is renewed), and a resolver tee does not use.
        let pki = try await TestCertificates()
        let old = try await pki.issue("old", names: ["r.tee.test"])
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: first.storage))) as? [String: Any])
        var le = try #require(json["le"] as? [String: Any])
        let accountURL = try #require((le["Account"] as? [String: Any])?["Registration"] as? [String: Any])["uri"] as? String
        le["Certificates"] = [[
            "domain": ["main": "r.tee.test"],
            "certificate": try Data(contentsOf: URL(fileURLWithPath: old.certFile)).base64EncodedString(),
            "key": try Data(contentsOf: URL(fileURLWithPath: old.keyFile)).base64EncodedString(),
            "Store": "default",
        ]]
        json["le"] = le
        json["traefikOnly"] = ["Account": NSNull(), "Certificates": [[String: Any]]()]
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: first.storage))
        chmod(first.storage, 0o600)

        let second = try await ACMEProxy(lab: lab, resolvers: resolvers, dynamic: dynamic, directory: first.directory,
                                         environment: lab.rfc2136Environment)
        defer { Task { await second.stop() } }
        #expect(await second.process.waitForLog("ACME certificate due for renewal"), "\(second.process.log)")
        // One connection, two requests 10 s apart: the first with the old certificate, the second
        // after the renewed one is in service, on the same connection (num_connects 0).
        let held = try await Curl.run(["--max-time", "30", "--cacert", pki.caFile, "--resolve", "r.tee.test:\(lab.tlsPort):127.0.0.1",
                                       "--rate", "6/m", "-w", "connects=%{num_connects}\n",
                                       "https://r.tee.test:\(lab.tlsPort)/one", "https://r.tee.test:\(lab.tlsPort)/two"])
        #expect(held.status == 0, "\(held.output)\n\(second.process.log)")
        #expect(held.output.contains("uri=/one") && held.output.contains("uri=/two"), "\(held.output)")
        #expect(held.output.contains("connects=1") && held.output.contains("connects=0"), "the second request reused the connection:\n\(held.output)")
        #expect(second.process.log.contains("ACME certificate obtained"), "renewed while the connection was open:\n\(second.process.log)")
        let renewed = try await lab.waitForHTTPS("r.tee.test", port: lab.tlsPort, caFile: root)
        #expect(renewed.ok, "\(renewed.output)\n\(second.process.log)")
        #expect(!second.process.log.contains("ACME account registered"), "the stored account is used")

        let after = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: first.storage))) as? [String: Any])
        #expect(after["traefikOnly"] != nil, "other resolvers' entries are kept")
        let leAfter = try #require(after["le"] as? [String: Any])
        #expect(((leAfter["Account"] as? [String: Any])?["Registration"] as? [String: Any])?["uri"] as? String == accountURL)
        let certificates = try #require(leAfter["Certificates"] as? [[String: Any]])
        #expect(certificates.count == 1, "the renewed certificate replaces the old one")
        let oldPEM = try String(contentsOfFile: old.certFile, encoding: .utf8)
        let newPEM = String(decoding: Data(base64Encoded: certificates.first?["certificate"] as? String ?? "") ?? Data(), as: UTF8.self)
        #expect(!newPEM.isEmpty && newPEM != oldPEM)
    }

    @Test("a failing order says why in the log (CA unreachable, challenge unreachable) and is retried with backoff, not in a loop")
    func failureIsExplained() async throws {
        let lab = try await ACMELab(records: "nowhere IN A 127.0.0.9\n")
        let deadPort = try FreePort.next()
        let proxy = try await ACMEProxy(lab: lab, resolvers: """
              down:
                acme:
                  email: ops@tee.test
                  caServer: https://127.0.0.1:\(deadPort)/dir
                  storage: $STORAGE
                  httpChallenge: {entryPoint: web}
            \(Self.resolver("le", challenge: "httpChallenge: {entryPoint: web}"))
            """, dynamic: """
            http:
              routers:
                x:
                  rule: Host(`x.tee.test`)
                  service: app
                  tls: {certResolver: down}
                y:
                  rule: Host(`y.tee.test`)
                  service: app
                  tls: {certResolver: missing}
                n:
                  rule: Host(`nowhere.tee.test`)
                  service: app
                  tls: {certResolver: le}
              services:
                app:
                  loadBalancer:
                    servers: [{url: "http://127.0.0.1:\(deadPort)"}]
            """)
        defer { Task { await proxy.stop() } }
        // Each resolver first makes an RSA 4096 account key, which takes a debug build many seconds
        // on a busy machine: the waits are long.
        #expect(await proxy.process.waitForLog("ACME order failed domains=x.tee.test", timeout: .seconds(120)), "\(proxy.process.log)")
        // The CA could not reach the name's address: its words are in the log.
        #expect(await proxy.process.waitForLog("ACME order failed domains=nowhere.tee.test", timeout: .seconds(120)),
                "\(proxy.process.log)")
        let log = proxy.process.log
        #expect(log.contains("challengeFailed: http-01 for nowhere.tee.test failed:") && log.contains("127.0.0.9"), "\(log)")
        #expect(log.contains("cannot reach the CA at https://127.0.0.1:\(deadPort)/dir"), "\(log)")
        #expect(log.contains("retry_at="), "\(log)")
        #expect(log.contains("router y@file: certResolver 'missing' is not defined under certificatesResolvers"), "\(log)")
        let check = try DaemonProcess("tee-proxy", ["--config", "\(proxy.directory)/proxy.yaml", "--check"])
        #expect(await check.waitForExit() == 0, "a warning, not an error:\n\(check.log)")
        #expect(check.log.contains("router y@file: certResolver 'missing' is not defined"), "\(check.log)")
        try await Task.sleep(for: .seconds(3))
        #expect(proxy.process.log.components(separatedBy: "ACME order failed").count == 3, "one attempt each, then backoff:\n\(proxy.process.log)")
    }

    @Test("a bad resolver is rejected by --check and at start, naming file, line, key and what to set")
    func badResolverConfiguration() async throws {
        let path = try TemporaryDirectory.write("""
            entryPoints:
              web:
                address: "127.0.0.1:8080"
            certificatesResolvers:
              nochallenge:
                acme:
                  email: ops@tee.test
                  storage: /tmp/acme.json
              badentry:
                acme:
                  email: ops@tee.test
                  httpChallenge:
                    entryPoint: http
              badkey:
                acme:
                  keyType: RSA1024
                  tlsChallenge: {}
              baddns:
                acme:
                  dnsChallenge:
                    provider: route66
            """, named: "proxy.yaml")
        let check = try DaemonProcess("tee-proxy", ["--config", path, "--check"])
        #expect(await check.waitForExit() == 6)
        let log = check.log
        #expect(log.contains("\(path):6: certificatesResolvers.nochallenge.acme: no challenge is set; add httpChallenge.entryPoint"), "\(log)")
        #expect(log.contains("\(path):13: certificatesResolvers.badentry.acme.httpChallenge.entryPoint: entry point 'http' is not defined"), "\(log)")
        #expect(log.contains("\(path):16: certificatesResolvers.badkey.acme.keyType: unknown key type 'RSA1024'"), "\(log)")
        #expect(log.contains("\(path):21: certificatesResolvers.baddns.acme.dnsChallenge.provider: DNS provider 'route66' is not supported"), "\(log)")
        let start = try DaemonProcess("tee-proxy", ["--config", path])
        #expect(await start.waitForExit() == 6)
        #expect(start.log.contains("keyType: unknown key type 'RSA1024'"), "\(start.log)")
    }
}

extension ACMETests {
    @Test("external account binding: a CA that requires it refuses an account without, accepts one with eab.kid and hmacEncoded; preferredChain picks the CA's alternate chain")
    func externalAccountBindingAndPreferredChain() async throws {
        let lab = try await ACMELab(requireEAB: true, alternateRoots: 1)
        let alternate = try await lab.issuingRootFile(1)
        let subject = try await Self.subjectCommonName(alternate)
        let backend = try await TestBackend(name: "app")
        defer { Task { await backend.stop() } }
        let proxy = try await ACMEProxy(lab: lab, resolvers: Self.resolver("bound", challenge: """
            httpChallenge: {entryPoint: web}
                  preferredChain: "\(subject)"
                  eab: {kid: \(ACMELab.eabKeyID), hmacEncoded: \(ACMELab.eabHMAC)}
            """) + "\n" + Self.resolver("unbound", challenge: "httpChallenge: {entryPoint: web}"), dynamic: """
            http:
              routers:
                e:
                  rule: Host(`e.tee.test`)
                  service: app
                  tls: {certResolver: bound}
                u:
                  rule: Host(`u.tee.test`)
                  service: app
                  tls: {certResolver: unbound}
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """)
        defer { Task { await proxy.stop() } }
        // The chain served leads to the alternate root, and not to the default one.
        let bound = try await lab.waitForHTTPS("e.tee.test", port: lab.tlsPort, caFile: alternate)
        #expect(bound.ok, "\(bound.output)\n\(proxy.process.log)")
        let defaultRoot = try await lab.issuingRootFile(0)
        let other = try await lab.waitForHTTPS("e.tee.test", port: lab.tlsPort, caFile: defaultRoot, timeout: .seconds(2))
        #expect(!other.ok)
        #expect(await proxy.process.waitForLog("ACME order failed domains=u.tee.test", timeout: .seconds(120)), "\(proxy.process.log)")
        #expect(proxy.process.log.contains("externalAccountRequired"), "\(proxy.process.log)")
    }

    /// The CN of a PEM certificate's subject, read by openssl.
    static func subjectCommonName(_ file: String) async throws -> String {
        let process = try DaemonProcess("/usr/bin/openssl", ["x509", "-in", file, "-noout", "-subject", "-nameopt", "multiline"])
        _ = await process.waitForExit()
        guard let line = process.log.split(separator: "\n").first(where: { $0.contains("commonName") }),
              let equals = line.firstIndex(of: "=") else { throw FixtureError(message: "no CN in \(file): \(process.log)") }
        return line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
    }
}
