import Foundation
import TEETesting
import Testing

/// Traefik's documented behaviour, checked through a real tee-proxy over sockets: static keys,
/// path handling, matchers and middlewares (issue 17). Each expectation is written from Traefik's
/// documentation and the semantics of its Go source (pkg/muxer/http, pkg/middlewares).
@Suite("Traefik fidelity through a real tee-proxy")
struct TraefikFidelityTests {
    /// One raw request on a new connection (`Connection: close`), answered in full.
    static func raw(_ proxy: ProxyFixture, _ requestLine: String, host: String, headers: [String] = []) async throws -> String {
        let connection = try proxy.connect()
        let lines = [requestLine, "Host: \(host)"] + headers + ["Connection: close", "", ""]
        try await connection.send(lines.joined(separator: "\r\n"))
        return await connection.readUntilClose()
    }

    static func status(of response: String) -> Int? {
        response.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) }
    }

    @Test("a Traefik static file with keys tee lacks loads, with one warning per key; unknown keys still fail with file and line")
    func staticKeys() async throws {
        let directory = try TemporaryDirectory.make(prefix: "static-keys")
        let port = try FreePort.next()
        let dynamicPath = "\(directory)/dynamic.yaml"
        try """
        http:
          routers:
            secure:
              rule: "Host(`secure.test`)"
              service: s
          services:
            s:
              loadBalancer:
                servers:
                  - url: "http://127.0.0.1:9"
                    preservePath: true
        """.write(toFile: dynamicPath, atomically: true, encoding: .utf8)
        let staticPath = "\(directory)/traefik.yaml"
        try """
        global:
          checkNewVersion: false
          sendAnonymousUsage: false
        entryPoints:
          web:
            address: "127.0.0.1:\(port)"
            http3:
              advertisedPort: 443
        providers:
          file:
            filename: \(dynamicPath)
          consul:
            rootKey: traefik
            endpoints: ["127.0.0.1:8500"]
        certificatesResolvers:
          le:
            acme:
              email: ops@example.com
              caServer: https://127.0.0.1:9/dir
              storage: \(directory)/acme.json
              httpChallenge:
                entryPoint: web
                delay: 2s
        tracing:
          serviceName: edge
          otlp:
            http:
              endpoint: http://127.0.0.1:4318/v1/traces
        experimental:
          plugins:
            demo:
              moduleName: github.com/traefik/plugindemo
              version: v0.2.1
        hub:
          tls:
            insecure: true
        pilot:
          token: abc
        """.write(toFile: staticPath, atomically: true, encoding: .utf8)

        let check = try DaemonProcess("tee-proxy", ["--config", staticPath, "--check"])
        #expect(await check.waitForExit() == 0, "\(check.log)")
        // tracing is read (it loads without a warning, with the others).
        #expect(!check.log.contains(": tracing: "), "\(check.log)")
        for key in ["global", "entryPoints.web.http3", "providers.consul", "certificatesResolvers.le.acme.httpChallenge.delay", "experimental",
                    "hub", "pilot"] {
            #expect(check.log.contains("\(staticPath):") && check.log.contains(": \(key): "), "no warning for \(key):\n\(check.log)")
        }
        // One warning per key: nothing for the keys beneath a warned one.
        #expect(!check.log.contains("certificatesResolvers.le.acme.email"), "\(check.log)")
        // The dynamic file's key tee does not act on yet is named too.
        #expect(check.log.contains("\(dynamicPath):11: http.services.s.loadBalancer.servers[0].preservePath: not supported by tee yet"), "\(check.log)")
        #expect(check.log.components(separatedBy: "warning: ").count - 1 == 8, "\(check.log)")
        #expect(check.log.contains("not supported by tee yet"))
        #expect(check.log.contains("removed in Traefik v3"))

        // The proxy runs with it, says the same in its log, and serves.
        let proxy = try DaemonProcess("tee-proxy", ["--config", staticPath])
        defer { proxy.send(SIGKILL) }
        #expect(await proxy.waitForLog("Listening address=127.0.0.1:\(port)"), "\(proxy.log)")
        #expect(proxy.log.contains("providers.consul: not supported by tee yet"), "\(proxy.log)")
        #expect(await proxy.waitForLog("http.services.s.loadBalancer.servers[0].preservePath: not supported by tee yet"), "\(proxy.log)")
        #expect(try await TestConnection(port: port).get("/")?.status == 404)

        // A key Traefik does not know is an error, as in Traefik, naming file, line and key.
        let typo = "\(directory)/typo.yaml"
        try "entryPoints:\n  web:\n    address: \":80\"\ncertificateResolvers:\n  le: {}\n".write(toFile: typo, atomically: true, encoding: .utf8)
        let failed = try DaemonProcess("tee-proxy", ["--config", typo, "--check"])
        #expect(await failed.waitForExit() != 0)
        #expect(failed.log.contains("\(typo):4: certificateResolvers: unknown key; expected one of:"), "\(failed.log)")
        #expect(failed.log.contains("certificatesResolvers"))
    }

    @Test("paths: routing on decoded unreserved characters, 400 for malformed escapes and dot segments left by path middlewares, absolute-form targets")
    func paths() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                api:
                  rule: "Host(`p.test`) && PathPrefix(`/api`)"
                  service: b
                space:
                  rule: "Host(`p.test`) && Path(`/foo bar`)"
                  service: b
                slash:
                  rule: "Host(`p.test`) && Path(`/a/b`)"
                  service: b
                strip:
                  rule: "Host(`strip.test`)"
                  service: b
                  middlewares: [strip-api]
                stripregex:
                  rule: "Host(`stripregex.test`)"
                  service: b
                  middlewares: [strip-regex]
                replaceregex:
                  rule: "Host(`replace.test`)"
                  service: b
                  middlewares: [replace-regex]
                absolute:
                  rule: "Host(`abs.test`)"
                  service: b
              middlewares:
                strip-api:
                  stripPrefix:
                    prefixes: ["/api"]
                strip-regex:
                  stripPrefixRegex:
                    regex: ["^/v[0-9]+"]
                replace-regex:
                  replacePathRegex:
                    regex: "^/old/(.*)"
                    replacement: "/new/$1"
              services:
                b:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """)
        // `%61` is `a`: unreserved escapes are decoded for matching, and the path goes on as written.
        let decoded = try #require(try await proxy.get("/%61pi/x", host: "p.test"))
        #expect(decoded.status == 200)
        #expect(decoded.field("uri") == "/%61pi/x")
        #expect(try await proxy.get("/foo%20bar", host: "p.test")?.status == 200)
        // `%2F` is reserved: it stays escaped, so `/a%2Fb` is not `/a/b`.
        #expect(try await proxy.get("/a/b", host: "p.test")?.status == 200)
        #expect(try await proxy.get("/a%2Fb", host: "p.test")?.status == 404)
        #expect(try await proxy.get("/bad%zz", host: "p.test")?.status == 400)

        #expect(try await proxy.get("/api/users", host: "strip.test")?.field("uri") == "/users")
        #expect(try await proxy.get("/%61pi/users", host: "strip.test")?.field("uri") == "/users")
        for path in ["/api/../secret", "/api/%2e%2e/secret", "/api/./x", "/api/.."] {
            #expect(try await proxy.get(path, host: "strip.test")?.status == 400, "\(path)")
        }
        #expect(backend.received.allSatisfy { !$0.uri.contains("secret") })
        #expect(try await proxy.get("/v2/items", host: "stripregex.test")?.field("uri") == "/items")
        #expect(try await proxy.get("/v2/../admin", host: "stripregex.test")?.status == 400)
        #expect(try await proxy.get("/old/page", host: "replace.test")?.field("uri") == "/new/page")
        #expect(try await proxy.get("/old/../../etc/passwd", host: "replace.test")?.status == 400)

        // Absolute form: the URL's host routes (over the Host header), the server gets the origin form.
        let absolute = try await Self.raw(proxy, "GET http://abs.test/path?q=1 HTTP/1.1", host: "elsewhere.test")
        #expect(Self.status(of: absolute) == 200, "\(absolute)")
        #expect(absolute.contains("uri=/path?q=1\n"), "\(absolute)")
        #expect(absolute.contains("header.host=abs.test\n"), "\(absolute)")
    }

    @Test("matchers: case-insensitive names, empty arguments refused, Query without value, case-sensitive HostRegexp, IPv6 hosts, Host(`*`), non-ASCII hosts, priority by bytes")
    func matchers() async throws {
        let a = try await TestBackend(name: "a")
        let b = try await TestBackend(name: "b")
        defer { Task { await a.stop(); await b.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                upper:
                  rule: "HOST(`m.test`) && PATHPREFIX(`/upper`)"
                  service: a
                lower:
                  rule: "host(`m.test`) && pathprefix(`/lower`)"
                  service: a
                empty:
                  rule: "Host(`m.test`) && Header(`X-Key`, ``)"
                  service: b
                query:
                  rule: "Host(`q.test`) && Query(`flag`)"
                  service: a
                regex:
                  rule: "HostRegexp(`^Rx\\\\.test$`)"
                  service: a
                regexlower:
                  rule: "HostRegexp(`^rx2\\\\.test$`)"
                  service: a
                ipv6:
                  rule: "Host(`::1`)"
                  service: a
                ipv6brackets:
                  rule: "Host(`[::2]`)"
                  service: a
                star:
                  rule: "Host(`*`)"
                  service: a
                bytes:
                  rule: "Host(`pr.test`) && PathPrefix(`/ééé`)"
                  service: a
                characters:
                  rule: "Host(`pr.test`) && PathRegexp(`^/.{3}`)"
                  service: b
              services:
                a:
                  loadBalancer:
                    servers: [{url: "\(a.url)"}]
                b:
                  loadBalancer:
                    servers: [{url: "\(b.url)"}]
            """)
        #expect(try await proxy.get("/upper/x", host: "m.test")?.status == 200)
        #expect(try await proxy.get("/lower/x", host: "m.test")?.status == 200)
        #expect(proxy.process.log.contains("router empty@file: invalid rule"), "\(proxy.process.log)")
        #expect(proxy.process.log.contains("Header has an empty argument"), "\(proxy.process.log)")

        #expect(try await proxy.get("/?flag", host: "q.test")?.status == 200)
        #expect(try await proxy.get("/?flag=", host: "q.test")?.status == 200)
        #expect(try await proxy.get("/?flag=1", host: "q.test")?.status == 404)
        #expect(try await proxy.get("/", host: "q.test")?.status == 404)

        // Go's regexp is case-sensitive and sees the canonical (lower-cased) host.
        #expect(try await proxy.get("/", host: "Rx.test")?.status == 404)
        #expect(try await proxy.get("/", host: "RX2.TEST")?.status == 200)

        #expect(try await proxy.get("/", host: "[::1]:8080")?.status == 200)
        #expect(try await proxy.get("/", host: "[::1]")?.status == 200)
        #expect(try await proxy.get("/", host: "[::2]:80")?.status == 200)
        // `Host(`*`)` is not a catch-all in Traefik: it is the host named `*`.
        #expect(try await proxy.get("/", host: "anything")?.status == 404)

        let nonASCII = try await Self.raw(proxy, "GET / HTTP/1.1", host: "exämple.test")
        #expect(Self.status(of: nonASCII) == 400, "\(nonASCII)")

        // Priority is the rule's length in bytes: `/ééé` makes the first rule 40 bytes (37 characters),
        // longer than the second's 39.
        #expect(try await proxy.get("/%C3%A9%C3%A9%C3%A9", host: "pr.test")?.field("backend") == "a")
    }

    @Test("methods: any token is a method as in Go's net/http, routed by Method() and forwarded as sent, also pipelined after bodies; a non-token is 400")
    func extensionMethods() async throws {
        let a = try await TestBackend(name: "a")
        let b = try await TestBackend(name: "b")
        defer { Task { await a.stop(); await b.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                foo:
                  rule: "Host(`m.test`) && Method(`foo`)"
                  service: b
                rest:
                  rule: "Host(`m.test`)"
                  service: a
              services:
                a:
                  loadBalancer:
                    servers: [{url: "\(a.url)"}]
                b:
                  loadBalancer:
                    servers: [{url: "\(b.url)"}]
            """)
        // Traefik upper-cases Method()'s argument and compares it with the request's method as sent.
        let foo = try await Self.raw(proxy, "FOO /x HTTP/1.1", host: "m.test")
        #expect(Self.status(of: foo) == 200, "\(foo)")
        #expect(foo.contains("backend=b\nmethod=FOO\nuri=/x"), "\(foo)")
        let lower = try await Self.raw(proxy, "foo /x HTTP/1.1", host: "m.test")
        #expect(lower.contains("backend=a\nmethod=foo\n"), "\(lower)")
        let webdav = try await Self.raw(proxy, "PROPFIND /dav HTTP/1.1", host: "m.test")
        #expect(webdav.contains("backend=a\nmethod=PROPFIND\n"), "\(webdav)")

        // One keep-alive connection, pipelined: a POST whose body reads like a request line, a chunked
        // POST, then two extension methods. Bodies stay bodies; each request keeps its own method.
        let connection = try proxy.connect()
        try await connection.send(
            "POST /one HTTP/1.1\r\nHost: m.test\r\nContent-Length: 16\r\n\r\nBAR / HTTP/1.1\r\n"
                + "POST /two HTTP/1.1\r\nHost: m.test\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nBAZ /\r\n0\r\n\r\n"
                + "FOO /three HTTP/1.1\r\nHost: m.test\r\n\r\n"
                + "PURGE /four HTTP/1.1\r\nHost: m.test\r\nContent-Length: 2\r\n\r\nok")
        var seen: [String] = []
        for _ in 0..<4 {
            guard let response = await connection.readResponse() else { break }
            seen.append("\(response.status) \(response.field("backend") ?? "-") \(response.field("method") ?? "-") \(response.field("uri") ?? "-")")
        }
        #expect(seen == ["200 a POST /one", "200 a POST /two", "200 b FOO /three", "200 a PURGE /four"], "\(seen)\n\(proxy.process.log)")

        // Not a token: Go's server answers 400 and so do we, without reaching a backend.
        let invalid = try await Self.raw(proxy, "F(O) /x HTTP/1.1", host: "m.test")
        #expect(Self.status(of: invalid) == 400, "\(invalid)")
    }

    @Test("middlewares: redirectScheme without loops, CORS, removed forwarded headers, stripPrefix and addPrefix edge cases, redirectRegex 502, interim responses")
    func middlewares() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                redirect:
                  rule: "Host(`rs.test`)"
                  service: b
                  middlewares: [to-https]
                redirectport:
                  rule: "Host(`rp.test`)"
                  service: b
                  middlewares: [to-https-443]
                cors:
                  rule: "Host(`cors.test`)"
                  service: b
                  middlewares: [cors]
                noxff:
                  rule: "Host(`xff.test`)"
                  service: b
                  middlewares: [no-xff]
                nostrip:
                  rule: "Host(`nostrip.test`)"
                  service: b
                  middlewares: [strip-nothing]
                addprefix:
                  rule: "Host(`add.test`)"
                  service: b
                  middlewares: [add-api]
                badredirect:
                  rule: "Host(`rr.test`)"
                  service: b
                  middlewares: [bad-target]
                interim:
                  rule: "Host(`interim.test`)"
                  service: b
              middlewares:
                to-https:
                  redirectScheme:
                    scheme: https
                    permanent: true
                to-https-443:
                  redirectScheme:
                    scheme: https
                    port: "443"
                cors:
                  headers:
                    accessControlAllowOriginList: ["*"]
                    accessControlAllowCredentials: true
                    accessControlAllowMethods: [GET, POST]
                    addVaryHeader: true
                no-xff:
                  headers:
                    customRequestHeaders:
                      X-Forwarded-For: ""
                strip-nothing:
                  stripPrefix:
                    prefixes: []
                add-api:
                  addPrefix:
                    prefix: api
                bad-target:
                  redirectRegex:
                    regex: "^http://rr.test/(.*)"
                    replacement: "http://bad host/$1"
              services:
                b:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """, entryPointExtra: """
                forwardedHeaders:
                  insecure: true
            """)
        let redirected = try #require(try await proxy.get("/p?q=1", host: "rs.test"))
        #expect(redirected.status == 301)
        #expect(redirected.header("Location") == "https://rs.test/p?q=1")
        // Behind a TLS-terminating proxy (trusted here): already https, so no redirect and no loop.
        #expect(try await proxy.get("/p", host: "rs.test", headers: ["X-Forwarded-Proto": "https"])?.status == 200)
        // The port of the Host header goes; 443 is https's default and is not written.
        #expect(try await proxy.get("/p", host: "rp.test:8080")?.header("Location") == "https://rp.test/p")
        #expect(try await proxy.get("/p", host: "rp.test:443", headers: ["X-Forwarded-Proto": "https"])?.status == 200)

        // `*` with credentials: browsers refuse `*`, so the origin is echoed; the server's own header gives way.
        let cors = try #require(try await proxy.get("/vary-origin", host: "cors.test", headers: ["Origin": "https://app.example"]))
        #expect(cors.header("Access-Control-Allow-Origin") == "https://app.example")
        #expect(cors.headers.filter { $0.name.lowercased() == "access-control-allow-origin" }.count == 1)
        #expect(cors.header("Access-Control-Allow-Credentials") == "true")
        #expect(cors.headers.filter { $0.name.lowercased() == "vary" }.map(\.value) == ["Origin"], "\(cors.headers)")
        let preflight = try await Self.raw(proxy, "OPTIONS /x HTTP/1.1", host: "cors.test",
                                           headers: ["Origin: https://app.example", "Access-Control-Request-Method: POST"])
        #expect(Self.status(of: preflight) == 200, "\(preflight)")
        #expect(preflight.contains("Access-Control-Allow-Methods: GET,POST"), "\(preflight)")
        #expect(!preflight.lowercased().contains("access-control-max-age"), "Max-Age is left out when not set:\n\(preflight)")

        let noXFF = try #require(try await proxy.get("/", host: "xff.test", headers: ["X-Forwarded-For": "10.9.9.9"]))
        #expect(noXFF.field("header.x-forwarded-for") == nil, "\(noXFF.body)")
        #expect(noXFF.field("header.x-forwarded-proto") == "http")

        #expect(try await proxy.get("/keep/me", host: "nostrip.test")?.field("uri") == "/keep/me")
        #expect(try await proxy.get("/x", host: "add.test")?.field("uri") == "/api/x")
        #expect(try await proxy.get("/anything", host: "rr.test")?.status == 502)

        let interim = try await Self.raw(proxy, "GET /interim/103 HTTP/1.1", host: "interim.test")
        #expect(interim.hasPrefix("HTTP/1.1 103"), "\(interim)")
        #expect(interim.contains("Link: </style.css>; rel=preload; as=style"), "\(interim)")
        #expect(interim.contains("HTTP/1.1 200 OK"), "\(interim)")
        #expect(interim.contains("backend=b"), "\(interim)")
    }
}
