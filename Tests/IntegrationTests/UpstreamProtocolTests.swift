import Foundation
import TEETesting
import Testing

@Suite("HTTP/2 to upstream servers and flushInterval, through real tee-proxies")
struct UpstreamProtocolTests {
    /// Proxy B (HTTPS and h2c on one port, access log on) in front of a backend; proxy A in front
    /// of B with one router per way of reaching it.
    @Test("h2c:// by prior knowledge, https:// negotiating h2 by ALPN, disableHTTP2 keeping HTTP/1.1")
    func http2Upstreams() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let pki = try await TestCertificates()
        let app = try await pki.issue("app", names: ["app.test"])
        let accessLog = try TemporaryDirectory.make(prefix: "access") + "/access.log"
        let inner = try await ProxyFixture(dynamic: """
            http:
              routers:
                secure:
                  rule: "PathPrefix(`/`)"
                  service: app
                  tls: {}
                plain:
                  rule: "PathPrefix(`/`)"
                  service: app
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            tls:
              certificates:
                - certFile: \(app.certFile)
                  keyFile: \(app.keyFile)
            """, staticExtra: """
            accessLog:
              filePath: \(accessLog)
            """)
        let innerAddress = "127.0.0.1:\(inner.webPort)"
        let outer = try await ProxyFixture(dynamic: """
            http:
              routers:
                h2c:
                  rule: "Header(`X-Via`, `h2c`)"
                  service: h2c
                h2:
                  rule: "Header(`X-Via`, `h2`)"
                  service: h2
                h1:
                  rule: "Header(`X-Via`, `h1`)"
                  service: h1
              services:
                h2c:
                  loadBalancer:
                    servers: [{url: "h2c://\(innerAddress)"}]
                h2:
                  loadBalancer:
                    servers: [{url: "https://\(innerAddress)"}]
                    serversTransport: tls
                h1:
                  loadBalancer:
                    servers: [{url: "https://\(innerAddress)"}]
                    serversTransport: tlsHTTP1
              serversTransports:
                tls:
                  serverName: app.test
                  rootCAs: [\(pki.caFile)]
                tlsHTTP1:
                  serverName: app.test
                  rootCAs: [\(pki.caFile)]
                  disableHTTP2: true
            """)
        for via in ["h2c", "h2", "h1"] {
            // Several requests each: HTTP/2 ones share one connection, a stream each.
            for index in 0..<3 {
                let response = try await outer.get("/\(via)/\(index)", headers: ["X-Via": via])
                #expect(response?.status == 200, "\(via): \(response?.body ?? "nothing")\n\(outer.process.log)")
                #expect(response?.field("uri") == "/\(via)/\(index)")
            }
        }
        for via in ["h2c", "h2"] {
            let connection = try outer.connect()
            try await connection.send("POST /echo HTTP/1.1\r\nHost: localhost\r\nX-Via: \(via)\r\nContent-Length: 13\r\n\r\nbody over h2!")
            let echoed = await connection.readResponse()
            #expect(echoed?.body == "body over h2!", "\(via): \(String(describing: echoed))")
        }
        let lines = await AccessLogTests.lines(accessLog, count: 11)
        try #require(lines.count == 11, "inner log:\n\(inner.process.log)")
        for index in 0..<3 {
            #expect(lines.contains { $0.contains("\"GET /h2c/\(index) HTTP/2.0\" 200") }, "\(lines)")
            #expect(lines.contains { $0.contains("\"GET /h2/\(index) HTTP/2.0\" 200") }, "\(lines)")
            #expect(lines.contains { $0.contains("\"GET /h1/\(index) HTTP/1.1\" 200") }, "\(lines)")
        }
        #expect(lines.filter { $0.contains("\"POST /echo HTTP/2.0\" 200") }.count == 2, "\(lines)")
    }

    @Test("flushInterval: a response of known length reaches the client while the server still sends it")
    func flushInterval() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                app:
                  rule: "PathPrefix(`/`)"
                  service: app
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
                    responseForwarding:
                      flushInterval: 50ms
            """)
        let connection = try proxy.connect()
        try await connection.send("GET /trickle HTTP/1.1\r\nHost: localhost\r\n\r\n")
        // "world" is sent only after "hello" arrived: without the interval's flush this would time out.
        let first = await Task.detached { () -> String in
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 1024)
            while !String(decoding: received, as: UTF8.self).hasSuffix("hello") {
                let count = connection.receive(into: &buffer)
                guard count > 0 else { break }
                received += buffer[..<count]
            }
            return String(decoding: received, as: UTF8.self)
        }.value
        #expect(first.hasPrefix("HTTP/1.1 200 OK\r\n"), "\(first)")
        #expect(first.hasSuffix("\r\n\r\nhello"), "\(first)\n\(proxy.process.log)")
        backend.sendHeldHalves()
        #expect(await connection.readExactly(5) == "world")
    }
}

extension UpstreamProtocolTests {
    @Test("an h2c server that answers before the request has ended, and resets the stream, serves call after call")
    func serverResetsAfterAnswering() async throws {
        let backend = try await TestHTTP2Backend()
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                all:
                  rule: "PathPrefix(`/`)"
                  service: h2
              services:
                h2:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """)
        // Each request's body is sent only once its answer is back, so the server always answers
        // before the request has ended; the stream is reset and the rest of the body dropped,
        // 300 times on the one upstream HTTP/2 connection.
        let connection = try proxy.connect()
        for index in 0..<300 {
            try await connection.send("POST /call/\(index) HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n\r\n")
            let response = await connection.readResponse()
            #expect(response?.status == 200, "call \(index): \(String(describing: response))\n\(proxy.process.log)")
            if response?.status != 200 { return }
            try await connection.send("body")
        }
        #expect(backend.answeredCount == 300)
    }
}
