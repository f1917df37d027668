import Foundation
import TEEPKI
import TEETesting
import Testing

/// Distributed ACME: 3 controllers (etcd members) and 2 proxies on loopback, pebble and bind9.
/// Each proxy listens on its own loopback address, and the zone sends each name to one of them,
/// so a challenge passes only when the answer reached the proxy the CA calls.
@Suite("ACME across a cluster", .serialized)
struct ACMEClusterTests {
    @Test("the leader orders by HTTP-01, TLS-ALPN-01 and DNS-01 (wildcard); both proxies serve every certificate; a leader killed mid-order is replaced and the certificate is issued once")
    func clusterIssuance() async throws {
        let lab = try await ACMELab(records: "p1 IN A 127.0.0.2\np2 IN A 127.0.0.3\n")
        let backend = try await TestBackend(name: "app")
        defer { Task { await backend.stop() } }
        func resolver(_ name: String, _ challenge: String) -> String {
            """
              \(name):
                acme:
                  email: ops@tee.test
                  caServer: \(lab.directoryURL)
                  caCertificates: [\(lab.serverCAFile)]
                  keyType: EC256
                  \(challenge)
            """
        }
        let staticConfig = try TemporaryDirectory.write("""
            entryPoints:
              web: {address: ":80"}
              websecure: {address: ":443"}
            certificatesResolvers:
            \(resolver("byhttp", "httpChallenge: {entryPoint: web}"))
            \(resolver("bytls", "tlsChallenge: {}"))
            \(resolver("bydns", "dnsChallenge: {provider: rfc2136}"))
            \(resolver("slowdns", "dnsChallenge: {provider: rfc2136, propagation: {delayBeforeChecks: 8s}}"))
            """, named: "static.yaml")
        let cluster = try await ClusterFixture(staticConfig: staticConfig, controllerEnvironment: lab.rfc2136Environment)
        for (name, address, preferring) in [("p1", "127.0.0.2", 0), ("p2", "127.0.0.3", 1)] {
            try await cluster.startProxy(name, preferring: preferring, extraEntryPoints: """
                  web2:
                    address: "\(address):\(lab.httpPort)"
                  websecure:
                    address: "\(address):\(lab.tlsPort)"
                """)
        }
        func routes(wildcard: Bool, _ extra: String = "") -> String {
            """
            http:
              routers:
                h:
                  rule: Host(`p1.tee.test`)
                  service: app
                  tls: {certResolver: byhttp}
                t:
                  rule: Host(`p2.tee.test`)
                  service: app
                  tls: {certResolver: bytls}
            \(wildcard ? """
                w:
                  rule: HostRegexp(`^[a-z0-9]+\\.tee\\.test$`)
                  service: app
                  tls:
                    certResolver: bydns
                    domains: [{main: "*.tee.test"}]
            """ : "")
            \(extra)
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """
        }
        let applied = try await cluster.apply(routes(wildcard: false), via: 0)
        #expect(applied?.status == 200 || applied?.status == 201, "\(applied?.body ?? "no answer")")
        let root = try await lab.issuingRootFile()
        let logs = { (0..<3).map { cluster.controllerLog($0) }.joined(separator: "\n") + cluster.proxyLog("p1") }
        // Each certificate is served by both proxies, whichever answered its challenge.
        for name in ["p1.tee.test", "p2.tee.test"] {
            for address in ["127.0.0.2", "127.0.0.3"] {
                let result = try await lab.waitForHTTPS(name, address: address, port: lab.tlsPort, caFile: root, timeout: .seconds(60))
                #expect(result.ok, "\(name) via \(address): \(result.output)\n\(logs())")
            }
        }
        _ = try await cluster.apply(routes(wildcard: true), via: 0)
        for address in ["127.0.0.2", "127.0.0.3"] {
            let result = try await lab.waitForHTTPS("any.tee.test", address: address, port: lab.tlsPort, caFile: root, timeout: .seconds(60))
            #expect(result.ok, "any.tee.test via \(address): \(result.output)\n\(logs())")
        }
        #expect(lab.pebble.log.contains("Attempting to validate w/ HTTP: http://p1.tee.test:\(lab.httpPort)/"))
        #expect(logs().contains("ACME challenge passed challenge=tls-alpn-01 domain=p2.tee.test"))
        #expect(logs().contains("ACME challenge passed challenge=dns-01 domain=*.tee.test"))
        // Proxies have no ACME of their own: the certificates came in the snapshot.
        #expect(!cluster.proxyLog("p1").contains("tee-proxy.acme"))

        // teeadm lists them with resolver and expiry; the event log says what happened.
        let leaderIndex = try #require(await cluster.leader())
        #expect(await ClusterFixture.eventually(.seconds(10)) {
            let listed = try? DaemonProcess("teeadm", ["cert", "acme", "--controller", "unix:\(cluster.apiSocket(leaderIndex))"])
            _ = await listed?.waitForExit()
            let text = listed?.log ?? ""
            return text.contains("RESOLVER") && text.contains("byhttp") && text.contains("p1.tee.test") && text.contains("bytls")
                && text.contains("*.tee.test") && text.contains("2031-") && text.contains("valid")
        })
        let events = try await cluster.api("/api/v1/events", via: leaderIndex)
        #expect(events?.body.contains("certificate for p2.tee.test obtained from resolver bytls") == true, "\(events?.body ?? "")")
        let stored = try await cluster.api("/api/v1/certificates", via: leaderIndex)
        #expect(stored?.body.contains("acme.byhttp.p1.tee.test") == true, "\(stored?.body ?? "")")

        // Private keys are sealed in etcd: the accounts, the certificates and the snapshot's copy.
        let dump = try cluster.etcdctl(["get", "--prefix", "/tee/"])
        #expect(await dump.waitForExit() == 0)
        // Values are binary (the snapshot is protobuf): the output is searched as bytes.
        let bytes = try Data(contentsOf: URL(fileURLWithPath: dump.logPath))
        #expect(bytes.range(of: Data("/tee/acme/byhttp".utf8)) != nil && bytes.range(of: Data("/tee/certs/acme.bytls.p2.tee.test".utf8)) != nil)
        #expect(bytes.range(of: Data("/tee/config/snapshot".utf8)) != nil)
        #expect(bytes.range(of: Data("PRIVATE KEY".utf8)) == nil, "a key in clear in etcd")

        // A backup (the store's snapshot, what teeadm backup create keeps) holds them, sealed.
        let backupFile = try TemporaryDirectory.make(prefix: "acme-backup") + "/etcd.db"
        let backup = try await Curl.run(["--cacert", cluster.pki.caFile, "--cert", cluster.node.certFile, "--key", cluster.node.keyFile,
                                         "-o", backupFile, "https://127.0.0.1:\(cluster.controllers[leaderIndex].apiPort)/api/v1/backup/etcd-snapshot"])
        #expect(backup.status == 0, "\(backup.output)")
        let backupBytes = try Data(contentsOf: URL(fileURLWithPath: backupFile))
        #expect(backupBytes.range(of: Data("/tee/acme/byhttp".utf8)) != nil && backupBytes.range(of: Data("/tee/certs/acme.bytls.p2.tee.test".utf8)) != nil)
        #expect(backupBytes.range(of: Data("PRIVATE KEY".utf8)) == nil)

        // A new certificate whose DNS-01 validation waits 8 s; the leader is killed while it waits.
        let leader = try #require(await cluster.leader())
        _ = try await cluster.apply(routes(wildcard: true, """
                late:
                  rule: Host(`late.deep.tee.test`)
                  service: app
                  tls: {certResolver: slowdns}
            """), via: leader)
        #expect(await ClusterFixture.eventually(.seconds(20)) { cluster.controllerLog(leader).contains("domains=late.deep.tee.test") &&
            cluster.controllerLog(leader).contains("dns-01 record added") }, "\(cluster.controllerLog(leader))")
        await cluster.killController(leader)
        let late = try await lab.waitForHTTPS("late.deep.tee.test", address: "127.0.0.3", port: lab.tlsPort, caFile: root, timeout: .seconds(90))
        #expect(late.ok, "\(late.output)\n\(logs())")
        let newLeader = await cluster.leader()
        #expect(newLeader != nil && newLeader != leader)
        let obtained = (0..<3).map { cluster.controllerLog($0) }.joined().components(separatedBy: "ACME certificate obtained domains=late.deep.tee.test").count - 1
        #expect(obtained == 1, "issued once, by the new leader:\n\(logs())")

        // Renewal after another change of leader: p1's certificate is replaced in etcd by one two
        // days from expiry (sealed, as the leader stores it); the next leader renews it.
        try await cluster.startController(leader)
        let current = try #require(await cluster.leader())
        let pki = try await TestCertificates()
        let due = try await pki.issue("due", names: ["p1.tee.test"])
        let certificatePEM = try String(contentsOfFile: due.certFile, encoding: .utf8)
        let keyPEM = try String(contentsOfFile: due.keyFile, encoding: .utf8)
        let dataKey = try #require(Data(base64Encoded: String(contentsOfFile: cluster.dataKeyFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        let sealer = SecretSealer(bytes: Array(dataKey))
        let entry = try JSONSerialization.data(withJSONObject: ["byhttp": ["Account": NSNull(), "Certificates": [[
            "domain": ["main": "p1.tee.test"], "certificate": Data(certificatePEM.utf8).base64EncodedString(),
            "key": Data(keyPEM.utf8).base64EncodedString(), "Store": "default",
        ]]]])
        let storedCertificate = try JSONSerialization.data(withJSONObject: [
            "name": "acme.byhttp.p1.tee.test", "certificate": certificatePEM, "sealedKey": try sealer.seal(Array(keyPEM.utf8)),
            "isDefault": false, "subject": "CN=p1.tee.test", "names": ["p1.tee.test"], "issuer": "CN=tee test CA",
            "notAfter": Date().addingTimeInterval(2 * 86400).timeIntervalSince1970,
        ] as [String: Any])
        for (key, value) in [("/tee/acme/byhttp", try sealer.seal(Array(entry))),
                             ("/tee/certs/acme.byhttp.p1.tee.test", String(decoding: storedCertificate, as: UTF8.self))] {
            let put = try cluster.etcdctl(["put", key, value])
            #expect(await put.waitForExit() == 0, "\(put.log)")
        }
        // The certificate due is served by both proxies, from the snapshot.
        for address in ["127.0.0.2", "127.0.0.3"] {
            let seeded = try await lab.waitForHTTPS("p1.tee.test", address: address, port: lab.tlsPort, caFile: pki.caFile, timeout: .seconds(20))
            #expect(seeded.ok, "\(seeded.output)")
        }
        await cluster.killController(current)
        for address in ["127.0.0.2", "127.0.0.3"] {
            let renewed = try await lab.waitForHTTPS("p1.tee.test", address: address, port: lab.tlsPort, caFile: root, timeout: .seconds(60))
            #expect(renewed.ok, "renewed p1 via \(address): \(renewed.output)\n\(logs())")
        }
        #expect(logs().contains("ACME certificate due for renewal; ordering domains=p1.tee.test resolver=byhttp"), "\(logs())")
    }
}
