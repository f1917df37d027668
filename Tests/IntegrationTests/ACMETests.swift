import Foundation
import TEETesting
import Testing

/// Automatic certificates against a real ACME CA (pebble) and a real DNS server (bind9), through a
/// standalone tee-proxy.
@Suite("ACME certificates from pebble", .serialized)
struct ACMETests {
    /// A standalone proxy with `web` on the lab's HTTP-01 port, `websecure` on its TLS-ALPN-01 port,
    /// the given resolvers and dynamic configuration.
    struct ACMEProxy {
        let process: DaemonProcess
        let directory: String
        let storage: String

        init(lab: ACMELab, resolvers: String, dynamic: String, directory: String? = nil, environment: [String: String] = [:]) async throws {
            self.directory = try directory ?? TemporaryDirectory.make(prefix: "acme-proxy")
            self.storage = "\(self.directory)/acme.json"
            try dynamic.write(toFile: "\(self.directory)/dynamic.yaml", atomically: true, encoding: .utf8)
            let resolverBlock = resolvers.replacingOccurrences(of: "$STORAGE", with: self.storage)
                .replacingOccurrences(of: "$CA_TRUST", with: lab.serverCAFile)
                .replacingOccurrences(of: "$CA", with: lab.directoryURL)
            try """
            entryPoints:
              web:
                address: "127.0.0.1:\(lab.httpPort)"
              websecure:
                address: "127.0.0.1:\(lab.tlsPort)"
            providers:
              file:
                filename: \(self.directory)/dynamic.yaml
            certificatesResolvers:
            \(resolverBlock)
            """.write(toFile: "\(self.directory)/proxy.yaml", atomically: true, encoding: .utf8)
            self.process = try DaemonProcess("tee-proxy", ["--config", "\(self.directory)/proxy.yaml", "--log-level", "debug"],
                                             environment: environment)
            guard await self.process.waitForLog("Listening address=127.0.0.1:\(lab.tlsPort)") else {
                throw FixtureError(message: "tee-proxy did not start:\n\(self.process.log)")
            }
        }

        func stop() async {
            self.process.send(SIGTERM)
            _ = await self.process.waitForExit()
        }
    }

    static func resolver(_ name: String, challenge: String, keyType: String = "EC256") -> String {
        """
          \(name):
            acme:
              email: ops@tee.test
              caServer: $CA
              caCertificates: [$CA_TRUST]
              storage: $STORAGE
              keyType: \(keyType)
              \(challenge)
        """
    }

    @Test("HTTP-01 and TLS-ALPN-01: each router's certificate is obtained, served by SNI and kept in acme.json (mode 600, Traefik's shape)")
    func httpAndTLSChallenges() async throws {
        let lab = try await ACMELab()
        let backend = try await TestBackend(name: "app")
        defer { Task { await backend.stop() } }
        let proxy = try await ACMEProxy(lab: lab, resolvers: Self.resolver("byhttp", challenge: "httpChallenge: {entryPoint: web}")
                                        + "\n" + Self.resolver("bytls", challenge: "tlsChallenge: {}"), dynamic: """
            http:
              routers:
                a:
                  rule: Host(`a.tee.test`)
                  entryPoints: [websecure]
                  service: app
                  tls: {certResolver: byhttp}
                b:
                  rule: Host(`b.tee.test`) || Host(`b2.tee.test`)
                  entryPoints: [websecure]
                  service: app
                  tls: {certResolver: bytls}
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """)
        defer { Task { await proxy.stop() } }
        let root = try await lab.issuingRootFile()
        let a = try await lab.waitForHTTPS("a.tee.test", port: lab.tlsPort, caFile: root, path: "/hello")
        #expect(a.ok, "\(a.output)\n\(proxy.process.log)\n\(lab.pebble.log)")
        #expect(a.output.contains("uri=/hello"))
        let b2 = try await lab.waitForHTTPS("b2.tee.test", port: lab.tlsPort, caFile: root)
        #expect(b2.ok, "\(b2.output)\n\(proxy.process.log)")
        #expect(lab.pebble.log.contains("Attempting to validate w/ HTTP: http://a.tee.test:\(lab.httpPort)/.well-known/acme-challenge/"))
        #expect(proxy.process.log.contains("ACME challenge passed challenge=http-01 domain=a.tee.test"), "\(proxy.process.log)")
        #expect(proxy.process.log.contains("ACME challenge passed challenge=tls-alpn-01 domain=b2.tee.test"), "\(proxy.process.log)")

        // acme.json: only its owner may read it, and it has Traefik's layout.
        let attributes = try FileManager.default.attributesOfItem(atPath: proxy.storage)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: proxy.storage))) as? [String: Any])
        let byhttp = try #require(json["byhttp"] as? [String: Any])
        let account = try #require(byhttp["Account"] as? [String: Any])
        #expect(account["Email"] as? String == "ops@tee.test")
        #expect((account["Registration"] as? [String: Any])?["uri"] as? String != nil)
        #expect(account["PrivateKey"] as? String != nil)
        let certificates = try #require((json["bytls"] as? [String: Any])?["Certificates"] as? [[String: Any]])
        #expect(certificates.count == 1)
        let domain = try #require(certificates.first?["domain"] as? [String: Any])
        #expect(domain["main"] as? String == "b.tee.test")
        #expect(domain["sans"] as? [String] == ["b2.tee.test"])
        let pem = String(decoding: Data(base64Encoded: certificates.first?["certificate"] as? String ?? "") ?? Data(), as: UTF8.self)
        #expect(pem.hasPrefix("-----BEGIN CERTIFICATE-----"))
        #expect(certificates.first?["Store"] as? String == "default")

        // teeadm reads the file as it reads Traefik's.
        let listed = try DaemonProcess("teeadm", ["cert", "acme", "--storage", proxy.storage])
        #expect(await listed.waitForExit() == 0, "\(listed.log)")
        #expect(listed.log.contains("bytls") && listed.log.contains("b.tee.test,b2.tee.test") && listed.log.contains("2031-"), "\(listed.log)")
    }

    @Test("DNS-01 over RFC 2136 (bind9, TSIG): a wildcard certificate from tls.domains serves every name under it")
    func dnsWildcard() async throws {
        let lab = try await ACMELab()
        let backend = try await TestBackend(name: "app")
        defer { Task { await backend.stop() } }
        let proxy = try await ACMEProxy(lab: lab, resolvers: Self.resolver("bydns", challenge: """
            dnsChallenge:
                    provider: rfc2136
                    propagation: {delayBeforeChecks: 0s}
            """), dynamic: """
            http:
              routers:
                wild:
                  rule: HostRegexp(`^.+\\.tee\\.test$`)
                  entryPoints: [websecure]
                  service: app
                  tls:
                    certResolver: bydns
                    domains:
                      - main: tee.test
                        sans: ["*.tee.test"]
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """, environment: lab.rfc2136Environment)
        defer { Task { await proxy.stop() } }
        let root = try await lab.issuingRootFile()
        let any = try await lab.waitForHTTPS("anything.tee.test", port: lab.tlsPort, caFile: root, path: "/w")
        #expect(any.ok, "\(any.output)\n\(proxy.process.log)\n\(lab.pebble.log)\n\(lab.named.log)")
        #expect(any.output.contains("uri=/w"))
        let other = try await lab.waitForHTTPS("other.tee.test", port: lab.tlsPort, caFile: root, timeout: .seconds(5))
        #expect(other.ok, "\(other.output)")
        #expect(proxy.process.log.contains("ACME challenge passed challenge=dns-01 domain=*.tee.test"), "\(proxy.process.log)")
        // The TXT records were added and removed through the TSIG-signed updates.
        #expect(lab.named.log.contains("adding an RR at '_acme-challenge.tee.test' TXT"), "\(lab.named.log)")
        #expect(await lab.named.waitForLog("deleting an RR at _acme-challenge.tee.test TXT"), "\(lab.named.log)")
    }
}
