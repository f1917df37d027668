import Foundation
import TEETesting
import Testing

@Suite("TLS termination by a real tee-proxy")
struct TLSTests {
    @Test("certificates are chosen by SNI, TLS routers serve TLS only, and plain HTTP still works on the same port")
    func sni() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let pki = try await TestCertificates()
        let app = try await pki.issue("app", names: ["app.test"])
        let wild = try await pki.issue("wild", names: ["*.wild.test"])
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                secure:
                  rule: 'Host(`app.test`) || HostRegexp(`wild\\.test$`)'
                  service: app
                  tls: {}
                plain:
                  rule: "Host(`app.test`)"
                  service: app
                  middlewares: [mark]
              middlewares:
                mark:
                  headers:
                    customRequestHeaders:
                      X-Plain: "yes"
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            tls:
              certificates:
                - certFile: \(app.certFile)
                  keyFile: \(app.keyFile)
                - certFile: \(wild.certFile)
                  keyFile: \(wild.keyFile)
            """)
        let port = proxy.webPort
        let secure = try await Curl.https("app.test", port: port, path: "/s", caFile: pki.caFile)
        #expect(secure.status == 0, "\(secure.output)\n\(proxy.process.log)")
        #expect(secure.output.contains("uri=/s"))
        #expect(secure.output.contains("header.x-forwarded-proto=https"))
        #expect(!secure.output.contains("header.x-plain"))

        // curl verifies the host name, so success means the wildcard certificate was chosen.
        let wildcard = try await Curl.https("api.wild.test", port: port, path: "/w", caFile: pki.caFile)
        #expect(wildcard.status == 0, "\(wildcard.output)")
        #expect(wildcard.output.contains("uri=/w"))

        let plain = try #require(try await proxy.get("/p", host: "app.test"))
        #expect(plain.field("header.x-plain") == "yes")
        #expect(plain.field("header.x-forwarded-proto") == "http")
    }
}

extension TLSTests {
    @Test("https servers are reached through serversTransport: rootCAs and serverName, or insecureSkipVerify")
    func httpsUpstream() async throws {
        let pki = try await TestCertificates()
        let files = try await pki.issue("backend", names: ["backend.internal"])
        let backend = try await TestBackend(name: "secure", tls: files)
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                verified:
                  rule: "PathPrefix(`/verified`)"
                  service: verified
                skip:
                  rule: "PathPrefix(`/skip`)"
                  service: skip
                wrong:
                  rule: "PathPrefix(`/wrong`)"
                  service: wrong
              services:
                verified:
                  loadBalancer:
                    serversTransport: pinned
                    servers: [{url: "\(backend.url)"}]
                skip:
                  loadBalancer:
                    serversTransport: insecure
                    servers: [{url: "\(backend.url)"}]
                wrong:
                  loadBalancer:
                    serversTransport: wrongname
                    servers: [{url: "\(backend.url)"}]
              serversTransports:
                pinned:
                  serverName: backend.internal
                  rootCAs: ["\(pki.caFile)"]
                insecure:
                  insecureSkipVerify: true
                wrongname:
                  serverName: other.internal
                  rootCAs: ["\(pki.caFile)"]
            """)
        #expect(try await proxy.get("/verified")?.field("backend") == "secure")
        #expect(try await proxy.get("/skip")?.field("backend") == "secure")
        // A certificate for another name is refused: the client gets 502, not the server's answer.
        #expect(try await proxy.get("/wrong")?.status == 502)
    }
}

extension TLSTests {
    @Test("each router's tls.options apply to the hosts of its rule: versions and cipher suites; unknown options disable the router")
    func perRouterOptions() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let pki = try await TestCertificates()
        let certificate = try await pki.issue("all", names: ["modern.test", "legacy.test", "pinned.test", "broken.test"])
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                modern:
                  rule: "Host(`modern.test`)"
                  service: app
                  tls: {options: modern}
                legacy:
                  rule: "Host(`legacy.test`)"
                  service: app
                  tls: {}
                pinned:
                  rule: "Host(`pinned.test`)"
                  service: app
                  tls: {options: pinned@file}
                broken:
                  rule: "Host(`broken.test`)"
                  service: app
                  tls: {options: nope}
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            tls:
              certificates:
                - certFile: \(certificate.certFile)
                  keyFile: \(certificate.keyFile)
              options:
                modern:
                  minVersion: VersionTLS13
                pinned:
                  maxVersion: VersionTLS12
                  cipherSuites: [TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384]
            """)
        let port = proxy.webPort
        func curl(_ host: String, _ extra: [String] = []) async throws -> (status: Int32, output: String) {
            try await Curl.https(host, port: port, caFile: pki.caFile, extra)
        }
        #expect(try await curl("modern.test").status == 0)
        #expect(try await curl("modern.test", ["--tls-max", "1.2"]).status != 0, "TLS 1.2 reached a TLS 1.3-only router")
        #expect(try await curl("legacy.test", ["--tls-max", "1.2"]).status == 0)
        let aes128 = ["--tls-max", "1.2", "--ciphers", "ECDHE-ECDSA-AES128-GCM-SHA256"]
        #expect(try await curl("pinned.test", aes128).status != 0, "a cipher suite outside cipherSuites was accepted")
        #expect(try await curl("pinned.test", ["--tls-max", "1.2", "--ciphers", "ECDHE-ECDSA-AES256-GCM-SHA384"]).status == 0)
        #expect(try await curl("legacy.test", aes128).status == 0)
        #expect(proxy.process.log.contains("TLS options 'nope' do not exist"), "\(proxy.process.log)")
        #expect(try await curl("broken.test").output.contains("404"))
    }
}

extension TLSTests {
    @Test("sniStrict refuses a name no certificate carries; without it such names get the default certificate")
    func sniStrict() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let pki = try await TestCertificates()
        let app = try await pki.issue("app", names: ["app.test"])
        let wild = try await pki.issue("wild", names: ["*.wild.test"])
        func proxy(strict: Bool) async throws -> ProxyFixture {
            try await ProxyFixture(dynamic: """
                http:
                  routers:
                    secure:
                      rule: "PathPrefix(`/`)"
                      service: app
                      tls: {}
                  services:
                    app:
                      loadBalancer:
                        servers: [{url: "\(backend.url)"}]
                tls:
                  certificates:
                    - certFile: \(app.certFile)
                      keyFile: \(app.keyFile)
                    - certFile: \(wild.certFile)
                      keyFile: \(wild.keyFile)
                  options:
                    default:
                      sniStrict: \(strict)
                """)
        }
        for strict in [false, true] {
            let proxy = try await proxy(strict: strict)
            let port = proxy.webPort
            func curl(_ host: String, _ extra: [String] = []) async throws -> (status: Int32, output: String) {
                try await Curl.https(host, port: port, path: "/s", caFile: pki.caFile, extra)
            }
            // The default certificate's own name, and the other certificate's (chosen during the handshake).
            #expect(try await curl("app.test").output.contains("uri=/s"), "strict \(strict)")
            #expect(try await curl("api.wild.test").output.contains("uri=/s"), "strict \(strict)")
            // A name no certificate carries: the default certificate (curl refuses its name, 60), or no handshake at all.
            let other = try await curl("other.test")
            #expect(other.status == (strict ? 35 : 60), "strict \(strict): \(other.output)")
            if !strict { #expect(try await curl("other.test", ["-k"]).output.contains("uri=/s")) }
        }
    }
}

extension TLSTests {
    @Test("passTLSClientCert passes the client certificate verified by clientAuth, and strips forged headers")
    func clientCertificate() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let pki = try await TestCertificates()
        let server = try await pki.issue("server", names: ["mtls.test"])
        let client = try await pki.issue("client", names: ["alice.client", "alice.example"])
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                secure:
                  rule: "Host(`mtls.test`)"
                  service: app
                  middlewares: [pass]
                  tls: {}
              middlewares:
                pass:
                  passTLSClientCert:
                    pem: true
                    info:
                      notAfter: true
                      sans: true
                      subject:
                        commonName: true
                      issuer:
                        commonName: true
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            tls:
              certificates:
                - certFile: \(server.certFile)
                  keyFile: \(server.keyFile)
              options:
                default:
                  clientAuth:
                    caFiles: ["\(pki.caFile)"]
                    clientAuthType: RequireAndVerifyClientCert
            """)
        let port = proxy.webPort
        let base = ["--cacert", pki.caFile, "--resolve", "mtls.test:\(port):127.0.0.1"]
        let result = try await Curl.run(base + ["--cert", client.certFile, "--key", client.keyFile,
                                                "-H", "X-Forwarded-Tls-Client-Cert: forged", "https://mtls.test:\(port)/"])
        #expect(result.status == 0, "\(result.output)\n\(proxy.process.log)")
        let pem = try String(contentsOfFile: client.certFile, encoding: .utf8)
            .split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        let escaped = pem.replacingOccurrences(of: "+", with: "%2B").replacingOccurrences(of: "/", with: "%2F").replacingOccurrences(of: "=", with: "%3D")
        #expect(result.output.contains("header.x-forwarded-tls-client-cert=\(escaped)\n"), "\(result.output)")
        let info = try #require(result.output.split(separator: "\n").first { $0.hasPrefix("header.x-forwarded-tls-client-cert-info=") })
        let decoded = String(info.dropFirst("header.x-forwarded-tls-client-cert-info=".count)).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? ""
        #expect(decoded.hasPrefix("Subject=\"CN=alice.client\";Issuer=\"CN=tee test CA\";NA=\""), "\(decoded)")
        #expect(decoded.hasSuffix(";SAN=\"alice.client,alice.example\""))
        // The same over HTTP/1.1, where the TLS handler is on the connection's own channel.
        let http1 = try await Curl.run(base + ["--http1.1", "--cert", client.certFile, "--key", client.keyFile, "https://mtls.test:\(port)/"])
        #expect(http1.output.contains("header.x-forwarded-tls-client-cert=\(escaped)\n"), "\(http1.output)")
        // Without a client certificate the handshake is refused (RequireAndVerifyClientCert).
        #expect(try await Curl.run(base + ["https://mtls.test:\(port)/"]).status != 0)
    }
}
