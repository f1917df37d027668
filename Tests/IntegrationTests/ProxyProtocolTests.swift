import Foundation
import TEETesting
import Testing

@Suite("HTTP handling of a real tee-proxy")
struct ProxyProtocolTests {
    static func routeAll(to backend: TestBackend, entryPointExtra: String = "") async throws -> ProxyFixture {
        try await ProxyFixture(dynamic: """
            http:
              routers:
                all:
                  rule: "PathPrefix(`/`)"
                  service: backend
              services:
                backend:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """, entryPointExtra: entryPointExtra)
    }

    @Test("X-Forwarded-* are set, and incoming ones dropped from untrusted clients")
    func forwardedHeadersUntrusted() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await Self.routeAll(to: backend)
        let response = try #require(try await proxy.get("/", host: "app.test:8443", headers: [
            "X-Forwarded-For": "6.6.6.6", "X-Forwarded-Proto": "https", "X-Real-Ip": "6.6.6.6",
            "Connection": "keep-alive, X-Secret", "X-Secret": "hop", "Keep-Alive": "timeout=5",
        ]))
        #expect(response.field("header.x-forwarded-for") == "127.0.0.1")
        #expect(response.field("header.x-real-ip") == "127.0.0.1")
        #expect(response.field("header.x-forwarded-proto") == "http")
        #expect(response.field("header.x-forwarded-host") == "app.test:8443")
        #expect(response.field("header.x-forwarded-port") == "8443")
        #expect(response.field("header.x-forwarded-server") != nil)
        #expect(response.field("header.host") == "app.test:8443", "passHostHeader defaults to true")
        // Hop-by-hop headers, and those the Connection header names, stay on the first hop.
        #expect(response.field("header.x-secret") == nil)
        #expect(response.field("header.keep-alive") == nil)
    }

    @Test("incoming X-Forwarded-* are kept from trusted clients")
    func forwardedHeadersTrusted() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await Self.routeAll(to: backend, entryPointExtra: """
                forwardedHeaders:
                  trustedIPs: ["127.0.0.1/32"]
            """)
        let response = try #require(try await proxy.get("/", headers: ["X-Forwarded-For": "203.0.113.7", "X-Forwarded-Proto": "https"]))
        #expect(response.field("header.x-forwarded-for") == "203.0.113.7, 127.0.0.1")
        #expect(response.field("header.x-forwarded-proto") == "https")
    }

    @Test("bodies stream both ways; keep-alive and pipelined requests work")
    func bodiesAndKeepAlive() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await Self.routeAll(to: backend)
        let connection = try proxy.connect()
        let payload = String(repeating: "0123456789", count: 300_000)  // 3 MB
        try await connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(payload.utf8.count)\r\n\r\n\(payload)")
        let echoed = try #require(await connection.readResponse())
        #expect(echoed.status == 200)
        #expect(echoed.body.count == payload.utf8.count)
        #expect(echoed.body == payload)

        try await connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
        #expect(await connection.readResponse()?.body == "hello world")

        let streamed = try await connection.get("/stream/64/65536")  // 4 MiB, chunked from the server
        #expect(streamed?.status == 200)

        // Two pipelined requests on one connection come back in order.
        try await connection.send("GET /first HTTP/1.1\r\nHost: x\r\n\r\nGET /second HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await connection.readResponse()?.field("uri") == "/first")
        #expect(await connection.readResponse()?.field("uri") == "/second")
    }

    @Test("HEAD requests and Connection: close are honoured")
    func headAndClose() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await Self.routeAll(to: backend)
        let connection = try proxy.connect()
        try await connection.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = await connection.readHead()
        #expect(head?.hasPrefix("HTTP/1.1 200") == true)
        #expect(try await connection.get("/after-head")?.field("uri") == "/after-head")
        try await connection.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let last = await connection.readUntilClose()
        #expect(last.contains("backend=b"))
        #expect(last.lowercased().contains("connection: close"))
    }
}

extension ProxyProtocolTests {
    @Test("idle keep-alive connections are closed after respondingTimeouts.idleTimeout")
    func idleTimeout() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await Self.routeAll(to: backend, entryPointExtra: """
                transport:
                  respondingTimeouts:
                    idleTimeout: 300ms
            """)
        let connection = try proxy.connect()
        #expect(try await connection.get("/one")?.status == 200)
        // Closed before the read's 10 s timeout: without idleTimeout it would stay open for minutes.
        let (rest, closed) = await connection.readBytesUntilClose()
        #expect(rest.isEmpty)
        #expect(closed, "the idle connection was not closed")
    }
}

extension ProxyProtocolTests {
    static let shortTimeouts = """
            transport:
              respondingTimeouts:
                readTimeout: 400ms
                writeTimeout: 800ms
        """

    @Test("a request body that stops arriving is cut at readTimeout")
    func readTimeout() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await Self.routeAll(to: backend, entryPointExtra: Self.shortTimeouts)
        let connection = try proxy.connect()
        try await connection.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc")
        let (bytes, closed) = await connection.readBytesUntilClose()
        let rest = String(decoding: bytes, as: UTF8.self)
        #expect(!rest.contains("200 OK"), "\(rest)")
        #expect(closed, "the stalled request was not cut")
    }

    @Test("a response slower than writeTimeout closes the connection; quick ones on the same connection are untouched")
    func writeTimeout() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await Self.routeAll(to: backend, entryPointExtra: Self.shortTimeouts)
        let connection = try proxy.connect()
        #expect(try await connection.get("/quick")?.status == 200)
        try await Task.sleep(for: .seconds(1))  // longer than both timeouts: they run per request, not per connection
        #expect(try await connection.get("/quick-again")?.status == 200)
        let slow = try proxy.connect()
        // The server answers after 30 s; a close with nothing read within the read's 10 s timeout is writeTimeout's.
        try await slow.send("GET /slow/30000 HTTP/1.1\r\nHost: x\r\n\r\n")
        let (rest, closed) = await slow.readBytesUntilClose()
        #expect(rest.isEmpty, "\(String(decoding: rest, as: UTF8.self))")
        #expect(closed, "the slow response was not cut at writeTimeout")
    }
}
