import Foundation
import TEETesting
import Testing

@Suite("access log of a real tee-proxy")
struct AccessLogTests {
    /// One router, `Host(app.test)`, to `backend`.
    static func dynamic(_ backend: TestBackend) -> String {
        """
        http:
          routers:
            app:
              rule: "Host(`app.test`)"
              service: app
          services:
            app:
              loadBalancer:
                servers: [{url: "\(backend.url)"}]
        """
    }

    static func proxy(backend: TestBackend, format: String, path: String, extra: String = "", arguments: [String] = []) async throws -> ProxyFixture {
        try await ProxyFixture(dynamic: Self.dynamic(backend), staticExtra: """
            accessLog:
              filePath: \(path)
              format: \(format)
            \(extra)
            """, arguments: arguments)
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

    static func objects(_ lines: [String]) -> [[String: Any]] {
        lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
    }

    @Test("filters: only the listed statuses and requests slower than minDuration are logged; RequestCount counts them all")
    func filters() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let path = try TemporaryDirectory.make(prefix: "access") + "/access.json"
        let proxy = try await Self.proxy(backend: backend, format: "json", path: path, extra: """
              filters:
                statusCodes: ["404", "500-503"]
                minDuration: 1s
            """)
        _ = try await proxy.get("/fast", host: "app.test")
        _ = try await proxy.get("/missing", host: "nothing.test")
        _ = try await proxy.get("/slow/2000", host: "app.test")
        let logged = Self.objects(await Self.lines(path, count: 2))
        try await Task.sleep(for: .milliseconds(300))  // a third line would have been written by now
        let all = Self.objects(await Self.lines(path, count: 2))
        #expect(all.count == 2, "\(all)")
        #expect(Set(logged.compactMap { $0["RequestPath"] as? String }) == ["/missing", "/slow/2000"])
        #expect(logged.first { $0["RequestPath"] as? String == "/slow/2000" }?["RequestCount"] as? Int == 3)
    }

    @Test("fields: a dropped field is left out; headers are dropped by default, kept or redacted by name, from the request, the server's response and the client's")
    func fields() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let path = try TemporaryDirectory.make(prefix: "access") + "/access.json"
        let proxy = try await Self.proxy(backend: backend, format: "json", path: path, extra: """
              fields:
                names:
                  ClientHost: drop
                headers:
                  names:
                    User-Agent: redact
                    X-Trace: keep
                    X-Backend: keep
            """)
        _ = try await proxy.get("/f", host: "app.test", headers: ["User-Agent": "secret-agent", "X-Trace": "t1", "Accept": "text/plain"])
        let object = try #require(Self.objects(await Self.lines(path, count: 1)).first)
        #expect(object["ClientHost"] == nil && object["RouterName"] as? String == "app@file", "\(object)")
        #expect(object["request_User-Agent"] as? String == "REDACTED")
        #expect(object["request_X-Trace"] as? String == "t1")
        #expect(object["request_Accept"] == nil, "headers are dropped unless named: \(object)")
        #expect(object["origin_X-Backend"] as? String == "b" && object["downstream_X-Backend"] as? String == "b", "\(object)")
        #expect(object["downstream_Content-Length"] == nil && object["RequestScheme"] as? String == "http")
        let missing = try await proxy.get("/none", host: "nothing.test")
        #expect(missing?.status == 404)
        let answered = try #require(Self.objects(await Self.lines(path, count: 2)).first { $0["DownstreamStatus"] as? Int == 404 })
        #expect(answered["origin_X-Backend"] == nil, "the proxy answered itself: no origin headers")
    }

    @Test("common format: a dropped field shows as -")
    func commonDropped() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let path = try TemporaryDirectory.make(prefix: "access") + "/access.log"
        let proxy = try await Self.proxy(backend: backend, format: "common", path: path, extra: """
              fields:
                defaultMode: keep
                names: {RouterName: drop, ClientHost: drop}
            """)
        _ = try await proxy.get("/c", host: "app.test")
        let line = try #require(await Self.lines(path, count: 1).first)
        #expect(line.hasPrefix("- - - ["), "\(line)")
        #expect(line.contains(" \"-\" \"\(backend.url)\" "), "\(line)")
    }

    @Test("SIGUSR1 after logrotate moved the file: later lines go to a new file, and the proxy keeps serving")
    func reopen() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let path = try TemporaryDirectory.make(prefix: "access") + "/access.log"
        let proxy = try await Self.proxy(backend: backend, format: "common", path: path)
        _ = try await proxy.get("/before", host: "app.test")
        #expect(await Self.lines(path, count: 1).count == 1)
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        proxy.process.send(SIGUSR1)
        #expect(await proxy.process.waitForLog("Log files reopened (SIGUSR1)"), "\(proxy.process.log)")
        #expect(try await proxy.get("/after", host: "app.test")?.status == 200)
        let fresh = await Self.lines(path, count: 1)
        #expect(fresh.count == 1 && fresh[0].contains("/after"), "\(fresh)")
        let rotated = try String(contentsOfFile: path + ".1", encoding: .utf8)
        #expect(rotated.contains("/before") && !rotated.contains("/after"))
    }

    @Test("without filePath each line goes to the daemon's log with every field as structured metadata (TEE_<NAME> in the journal)")
    func structured() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: Self.dynamic(backend), staticExtra: "accessLog: {}\n", arguments: ["--log-format", "json"])
        _ = try await proxy.get("/s", host: "app.test")
        #expect(await proxy.process.waitForLog("\"RouterName\":\"app@file\""), "\(proxy.process.log)")
        let line = try #require(proxy.process.log.split(separator: "\n").first { $0.contains("\"RouterName\":\"app@file\"") })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(object["RequestPath"] as? String == "/s" && object["DownstreamStatus"] as? String == "200", "\(object)")
        #expect((object["msg"] as? String)?.contains("\"GET /s HTTP/1.1\" 200") == true, "\(object)")
    }

    @Test("entryPoints.NAME.observability.accessLogs: false leaves that entry point's requests out")
    func quietEntryPoint() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let path = try TemporaryDirectory.make(prefix: "access") + "/access.log"
        let loudPort = try FreePort.next()
        let proxy = try await ProxyFixture(dynamic: Self.dynamic(backend), entryPointExtra: """
                observability:
                  accessLogs: false
              loud:
                address: "127.0.0.1:\(loudPort)"
            """, staticExtra: "accessLog:\n  filePath: \(path)\n")
        #expect(try await proxy.get("/quiet", host: "app.test")?.status == 200)
        #expect(try await TestConnection(port: loudPort).get("/loud", host: "app.test")?.status == 200)
        let lines = await Self.lines(path, count: 1)
        try await Task.sleep(for: .milliseconds(300))
        let all = await Self.lines(path, count: 1)
        #expect(lines.count == 1 && all.count == 1 && all[0].contains("/loud"), "\(all)")
    }

    @Test("a TLS request logs RequestScheme https, TLSVersion and TLSCipher")
    func tls() async throws {
        let pki = try await TestCertificates()
        let (certFile, keyFile) = try await pki.issue("app", names: ["app.test"])
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let path = try TemporaryDirectory.make(prefix: "access") + "/access.json"
        let proxy = try await ProxyFixture(dynamic: Self.dynamic(backend) + """

            tls:
              certificates: [{certFile: \(certFile), keyFile: \(keyFile)}]
            """, staticExtra: """
            accessLog:
              filePath: \(path)
              format: json
            """)
        let result = try await Curl.run(["--cacert", pki.caFile, "--tlsv1.3", "--tls13-ciphers", "TLS_CHACHA20_POLY1305_SHA256",
                                         "--resolve", "app.test:\(proxy.webPort):127.0.0.1", "https://app.test:\(proxy.webPort)/s"])
        #expect(result.status == 0, "\(result.output)")
        let object = try #require(Self.objects(await Self.lines(path, count: 1)).first, "\(proxy.process.log)")
        #expect(object["RequestScheme"] as? String == "https", "\(object)")
        #expect(object["TLSVersion"] as? String == "1.3")
        #expect(object["TLSCipher"] as? String == "TLS_CHACHA20_POLY1305_SHA256")
    }

    @Test("the proxy's own answers (ping) are logged only with addInternals")
    func internals() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        for addInternals in [false, true] {
            let path = try TemporaryDirectory.make(prefix: "access") + "/access.log"
            let proxy = try await Self.proxy(backend: backend, format: "common", path: path, extra: """
                  addInternals: \(addInternals)
                ping: {entryPoint: web}
                """)
            #expect(try await proxy.get("/ping")?.status == 200)
            #expect(try await proxy.get("/routed", host: "app.test")?.status == 200)
            let lines = await Self.lines(path, count: addInternals ? 2 : 1)
            try? await Task.sleep(for: .milliseconds(300))
            let all = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n")
            #expect(all.count == (addInternals ? 2 : 1) && lines.contains { $0.contains("/routed") }, "addInternals \(addInternals): \(all)")
            #expect(all.contains { $0.contains("GET /ping") } == addInternals)
        }
    }
}
