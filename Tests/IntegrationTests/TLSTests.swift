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
        let secure = try await Curl.run(["--cacert", pki.caFile, "--resolve", "app.test:\(port):127.0.0.1", "https://app.test:\(port)/s"])
        #expect(secure.status == 0, "\(secure.output)\n\(proxy.process.log)")
        #expect(secure.output.contains("uri=/s"))
        #expect(secure.output.contains("header.x-forwarded-proto=https"))
        #expect(!secure.output.contains("header.x-plain"))

        // curl verifies the host name, so success means the wildcard certificate was chosen.
        let wildcard = try await Curl.run(["--cacert", pki.caFile, "--resolve", "api.wild.test:\(port):127.0.0.1", "https://api.wild.test:\(port)/w"])
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
