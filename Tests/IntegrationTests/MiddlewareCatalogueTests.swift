import Foundation
import TEETesting
import Testing

@Suite("middlewares on real requests through a real tee-proxy")
struct MiddlewareCatalogueTests {
    static func proxy(backend: TestBackend) async throws -> ProxyFixture {
        try await ProxyFixture(dynamic: """
            http:
              routers:
                limited:
                  rule: "PathPrefix(`/limited`)"
                  service: app
                  middlewares: [limit]
                private:
                  rule: "PathPrefix(`/private`)"
                  service: app
                  middlewares: [office]
                rewritten:
                  rule: "PathPrefix(`/users`)"
                  service: app
                  middlewares: [users, cors]
                crowded:
                  rule: "PathPrefix(`/slow`)"
                  service: app
                  middlewares: [two]
              middlewares:
                limit:
                  rateLimit:
                    average: 1
                    period: 1m
                    burst: 2
                office:
                  ipAllowList:
                    sourceRange: [10.0.0.0/8]
                users:
                  replacePathRegex:
                    regex: "^/users/([0-9]+)$"
                    replacement: "/api/user?id=$1"
                cors:
                  headers:
                    accessControlAllowOriginList: ["https://app.test"]
                    accessControlAllowMethods: [GET, PUT]
                    frameDeny: true
                two:
                  inFlightReq:
                    amount: 2
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """)
    }

    @Test("rateLimit answers 429 after the burst")
    func rateLimit() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await Self.proxy(backend: backend)
        var statuses: [Int] = []
        for _ in 0..<4 { statuses.append(Int(try await proxy.get("/limited")?.status ?? 0)) }
        #expect(statuses == [200, 200, 429, 429])
    }

    @Test("ipAllowList refuses a client outside its ranges; other routers still serve it")
    func ipAllowList() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await Self.proxy(backend: backend)
        #expect(try await proxy.get("/private")?.status == 403)
        #expect(try await proxy.get("/limited")?.status == 200)
    }

    @Test("replacePathRegex reaches the server with the new path; headers add CORS and security headers")
    func rewriteAndHeaders() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await Self.proxy(backend: backend)
        let response = try #require(try await proxy.get("/users/42", headers: ["Origin": "https://app.test"]))
        #expect(response.field("uri") == "/api/user?id=42")
        #expect(response.field("header.x-replaced-path") == "/users/42")
        #expect(response.header("Access-Control-Allow-Origin") == "https://app.test")
        #expect(response.header("X-Frame-Options") == "DENY")
        let connection = try proxy.connect()
        try await connection.send("OPTIONS /users/42 HTTP/1.1\r\nHost: x\r\nOrigin: https://app.test\r\nAccess-Control-Request-Method: PUT\r\n\r\n")
        let preflight = try #require(await connection.readResponse())
        #expect(preflight.status == 200)
        #expect(preflight.header("Access-Control-Allow-Methods") == "GET,PUT")
        #expect(backend.received.allSatisfy { $0.method != "OPTIONS" }, "the preflight reached the server")
    }

    @Test("inFlightReq refuses the third concurrent request and admits again once one ends")
    func inFlightReq() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await Self.proxy(backend: backend)
        let first = try proxy.connect()
        let second = try proxy.connect()
        // The two take 6 s: a third asked meanwhile is refused. (A test machine stalled longer than
        // that has let them finish: then the answer proves nothing and is not judged.)
        let sent = ContinuousClock.now
        try await first.send("GET /slow/6000 HTTP/1.1\r\nHost: x\r\n\r\n")
        try await second.send("GET /slow/6000 HTTP/1.1\r\nHost: x\r\n\r\n")
        _ = await backend.waitForRequests(2)
        let third = try await proxy.get("/slow/1")?.status
        if ContinuousClock.now - sent < .seconds(6) { #expect(third == 429) }
        #expect(await first.readResponse()?.status == 200)
        #expect(await second.readResponse()?.status == 200)
        #expect(try await proxy.get("/slow/1")?.status == 200)
    }
}

extension MiddlewareCatalogueTests {
    @Test("digestAuth and bcrypt basicAuth admit curl with the right password and answer 401 otherwise")
    func authentication() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                digest:
                  rule: "PathPrefix(`/digest`)"
                  service: app
                  middlewares: [digest]
                basic:
                  rule: "PathPrefix(`/basic`)"
                  service: app
                  middlewares: [basic]
              middlewares:
                digest:
                  digestAuth:
                    users: ["alice:traefik:cc6292a804b584bcbd1657ddd96d47dc"]
                    headerField: X-User
                basic:
                  basicAuth:
                    users: ['bee:$2y$05$0123456789abcdefghijku.ksaFl5HfwaQ1bG7PW.UIiu6SYBKdYS']
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """)
        let base = "http://127.0.0.1:\(proxy.webPort)"
        let digest = try await Curl.run(["--digest", "-u", "alice:wonderland", "\(base)/digest/page?x=1"])
        #expect(digest.output.contains("backend=b"), "\(digest.output)")
        #expect(digest.output.contains("header.x-user=alice"))
        let wrongDigest = try await Curl.run(["--digest", "-u", "alice:rabbit", "-o", "/dev/null", "-w", "%{http_code}", "\(base)/digest/page"])
        #expect(wrongDigest.output.hasPrefix("401"), "\(wrongDigest.output)")
        let basic = try await Curl.run(["-u", "bee:open sesame", "\(base)/basic/x"])
        #expect(basic.output.contains("backend=b"), "\(basic.output)")
        let wrongBasic = try await Curl.run(["-u", "bee:open", "-o", "/dev/null", "-w", "%{http_code}", "\(base)/basic/x"])
        #expect(wrongBasic.output.hasPrefix("401"))
    }
}

extension MiddlewareCatalogueTests {
    @Test("errors replaces covered responses with a page from its service, keeping the status")
    func errorPages() async throws {
        let app = try await TestBackend(name: "app")
        let pages = try await TestBackend(name: "pages")
        defer { Task { await app.stop(); await pages.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                app:
                  rule: "PathPrefix(`/`)"
                  service: app
                  middlewares: [oops]
              middlewares:
                oops:
                  errors:
                    status: ["500-599", "418"]
                    service: pages
                    query: "/errors/{status}.html"
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(app.url)"}]
                pages:
                  loadBalancer:
                    servers: [{url: "\(pages.url)"}]
            """)
        let connection = try proxy.connect()
        let failed = try #require(try await connection.get("/status/503"))
        #expect(failed.status == 503)
        #expect(failed.field("backend") == "pages")
        #expect(failed.field("uri") == "/errors/503.html")
        let teapot = try #require(try await connection.get("/status/418"))
        #expect(teapot.status == 418 && teapot.field("uri") == "/errors/418.html")
        let missing = try #require(try await connection.get("/status/404"))
        #expect(missing.status == 404 && missing.field("backend") == "app", "404 is not covered")
        #expect(try await connection.get("/fine")?.field("backend") == "app")
    }
}

extension MiddlewareCatalogueTests {
    @Test("buffering: bodies held and sent with their length; 413 and 500 past the limits; streaming past memory limits")
    func buffering() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                app:
                  rule: "PathPrefix(`/`)"
                  service: app
                  middlewares: [limits]
                streaming:
                  rule: "Host(`streaming.test`)"
                  service: app
                  middlewares: [smallMemory]
              middlewares:
                limits:
                  buffering:
                    maxRequestBodyBytes: 10
                    maxResponseBodyBytes: 100
                smallMemory:
                  buffering:
                    memRequestBodyBytes: 8
                    memResponseBodyBytes: 10
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """)
        #expect(try await proxy.connect().post("/echo", body: "small")?.status == 200)
        #expect(try await proxy.connect().post("/echo", body: String(repeating: "x", count: 20))?.status == 413)
        let chunked = try proxy.connect()
        try await chunked.send("POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n14\r\n\(String(repeating: "y", count: 20))\r\n0\r\n\r\n")
        #expect(await chunked.readResponse()?.status == 413)
        // A held chunked request body reaches the server with its length.
        let held = try proxy.connect()
        try await held.send("POST /held HTTP/1.1\r\nHost: streaming.test\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n")
        let heldResponse = try #require(await held.readResponse())
        #expect(heldResponse.field("header.content-length") == "5", "\(heldResponse.body)")
        #expect(heldResponse.field("header.transfer-encoding") == nil)
        #expect(heldResponse.field("body-bytes") == "5")
        // The backend's description of a GET is longer than 100 bytes (declared length), as is a
        // chunked stream of 5 × 40 bytes; 2 × 10 chunked bytes are held and sent with their length.
        let long = try #require(try await proxy.get("/"))
        #expect(long.status == 500 && long.body == "Internal Server Error")
        let longChunked = try #require(try await proxy.get("/stream/5/40"))
        #expect(longChunked.status == 500 && longChunked.body == "Internal Server Error")
        let short = try #require(try await proxy.get("/stream/2/10"))
        #expect(short.status == 200 && short.body == String(repeating: "x", count: 20))
        #expect(short.header("Content-Length") == "20" && short.header("Transfer-Encoding") == nil)
        // Past the memory limits the rest streams: the chunked response stays chunked, the request body arrives whole.
        let streamed = try #require(try await proxy.get("/stream/3/20", host: "streaming.test"))
        #expect(streamed.status == 200 && streamed.body == String(repeating: "x", count: 60))
        #expect(streamed.header("Transfer-Encoding") == "chunked" && streamed.header("Content-Length") == nil)
        let upload = try proxy.connect()
        try await upload.send("POST /echo HTTP/1.1\r\nHost: streaming.test\r\nContent-Length: 12\r\n\r\nhello world!")
        #expect(await upload.readResponse()?.body == "hello world!")
    }
}

extension MiddlewareCatalogueTests {
    @Test("contentType gives responses without a Content-Type one detected from their body")
    func contentType() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                typed:
                  rule: "PathPrefix(`/typed`) || Path(`/echo`)"
                  service: app
                  middlewares: [detect]
                plain:
                  rule: "PathPrefix(`/plain`)"
                  service: app
              middlewares:
                detect:
                  contentType: {}
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """)
        #expect(try await proxy.get("/typed/x")?.header("Content-Type") == "text/plain; charset=utf-8")
        let connection = try proxy.connect()
        let html = "<html><body>hello</body></html>"
        try await connection.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: \(html.utf8.count)\r\n\r\n\(html)")
        let echoed = try #require(await connection.readResponse())
        #expect(echoed.header("Content-Type") == "text/html; charset=utf-8")
        #expect(echoed.body == html)
        #expect(try await proxy.get("/plain/x")?.header("Content-Type") == nil, "without the middleware nothing is added")
    }
}
