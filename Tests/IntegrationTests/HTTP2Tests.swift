import Foundation
import TEETesting
import Testing

@Suite("HTTP/2 through a real tee-proxy")
struct HTTP2Tests {
    @Test("h2 over TLS by ALPN, and h2c with prior knowledge on the same port")
    func http2() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let pki = try await TestCertificates()
        let app = try await pki.issue("app", names: ["app.test"])
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                secure:
                  rule: "Host(`app.test`)"
                  service: app
                  tls: {}
                plain:
                  rule: "Host(`app.test`) || Host(`127.0.0.1`)"
                  service: app
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            tls:
              certificates:
                - certFile: \(app.certFile)
                  keyFile: \(app.keyFile)
            """)
        let port = proxy.webPort
        let h2 = try await Curl.https("app.test", port: port, path: "/over-h2?x=1", caFile: pki.caFile, ["--http2"])
        #expect(h2.status == 0, "\(h2.output)\n\(proxy.process.log)")
        #expect(h2.output.contains("version=2"), "\(h2.output)")
        #expect(h2.output.contains("uri=/over-h2?x=1"))
        #expect(h2.output.contains("header.x-forwarded-proto=https"))
        #expect(h2.output.contains("header.host=app.test"), "the :authority reaches the server as Host: \(h2.output)")

        let h2c = try await Curl.run(["--http2-prior-knowledge", "http://127.0.0.1:\(port)/over-h2c"])
        #expect(h2c.status == 0, "\(h2c.output)")
        #expect(h2c.output.contains("version=2"), "\(h2c.output)")
        #expect(h2c.output.contains("uri=/over-h2c"))

        let http1 = try await Curl.https("app.test", port: port, path: "/over-h1", caFile: pki.caFile, ["--http1.1"])
        #expect(http1.output.contains("version=1.1"), "\(http1.output)")
    }
}
