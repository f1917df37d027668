import Foundation
import TEETesting
import Testing

@Suite("access log of a real tee-proxy")
struct AccessLogTests {
    static func proxy(backend: TestBackend, format: String, path: String) async throws -> ProxyFixture {
        try await ProxyFixture(dynamic: """
            http:
              routers:
                app:
                  rule: "Host(`app.test`)"
                  service: app
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """, staticExtra: """
            accessLog:
              filePath: \(path)
              format: \(format)
            """)
    }

    /// Waits for `count` lines in the file (it is written every 100 ms).
    static func lines(_ path: String, count: Int) async -> [String] {
        for _ in 0..<100 {
            let lines = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
            if lines.count >= count { return lines }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return []
    }

    @Test("common format, in Traefik's field order")
    func common() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let path = try TemporaryDirectory.make(prefix: "access") + "/access.log"
        let proxy = try await Self.proxy(backend: backend, format: "common", path: path)
        _ = try await proxy.get("/hello?x=1", host: "app.test", headers: ["User-Agent": "tee-test", "Referer": "http://r/"])
        _ = try await proxy.get("/missing", host: "nothing.test")
        let lines = await Self.lines(path, count: 2)
        try #require(lines.count == 2, "log:\n\(proxy.process.log)")
        // The two requests may be logged in either order (each connection has its own event loop).
        let routed = try #require(lines.first { $0.contains("/hello") })
        let missing = try #require(lines.first { $0.contains("/missing") })
        #expect(routed.hasPrefix("127.0.0.1 - - ["))
        #expect(routed.contains("] \"GET /hello?x=1 HTTP/1.1\" 200 "))
        #expect(routed.contains("\"http://r/\" \"tee-test\" "))
        #expect(routed.contains(" \"app@file\" \"\(backend.url)\" "))
        #expect(routed.hasSuffix("ms"))
        #expect(missing.contains("\"GET /missing HTTP/1.1\" 404 19 \"-\" \"-\" "))
        #expect(missing.contains(" \"-\" \"-\" 0ms") || missing.range(of: #" "-" "-" \d+ms$"#, options: .regularExpression) != nil)
    }

    @Test("json format with Traefik's field names")
    func json() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let path = try TemporaryDirectory.make(prefix: "access") + "/access.json"
        let proxy = try await Self.proxy(backend: backend, format: "json", path: path)
        _ = try await proxy.get("/j", host: "app.test")
        let lines = await Self.lines(path, count: 1)
        let line = try #require(lines.first, "log:\n\(proxy.process.log)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["RouterName"] as? String == "app@file")
        #expect(object["DownstreamStatus"] as? Int == 200)
        #expect(object["RequestPath"] as? String == "/j")
        #expect(object["RequestHost"] as? String == "app.test")
        #expect(object["entryPointName"] as? String == "web")
        #expect((object["Duration"] as? Int ?? 0) > 0)
    }
}
