import Foundation
import TEETesting
import Testing

/// The dashboard in a real headless Chromium, against a real tee-proxy and a real cluster:
/// what a user sees, and that the page asks nothing of any other origin.
@Suite("the web dashboard in a real browser", .serialized)
struct DashboardBrowserTests {
    static func dynamic(backend: TestBackend, extraRouter: String = "") -> String {
        """
        http:
          routers:
            shop:
              rule: "Host(`shop.test`)"
              service: app
              middlewares: [strip]
            broken:
              rule: "Host(`broken.test`)"
              service: missing
        \(extraRouter)
          middlewares:
            strip:
              stripPrefix: {prefixes: ["/x"]}
          services:
            app:
              loadBalancer:
                servers: [{url: "\(backend.url)"}]
        """
    }

    /// The same without the broken router (the cluster's API refuses it).
    static func clusterDynamic(backend: TestBackend, extraRouter: String = "") -> String {
        Self.dynamic(backend: backend, extraRouter: extraRouter).replacingOccurrences(of: """
                broken:
                  rule: "Host(`broken.test`)"
                  service: missing

            """, with: "")
    }

    @Test("a standalone proxy's dashboard: counts with errors, a broken router's reason, a new router without reload, search, live plots, nothing from other origins")
    func standaloneProxy() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let apiPort = try FreePort.next()
        let proxy = try await ProxyFixture(dynamic: Self.dynamic(backend: backend), entryPointExtra: """
              traefik:
                address: "127.0.0.1:\(apiPort)"
            """, staticExtra: "api: {insecure: true}\n")
        let origin = "http://127.0.0.1:\(apiPort)"
        let browser = try await BrowserSession.start()
        defer { Task { await browser.quit() } }

        try await browser.open("\(origin)/dashboard/")
        let routers = try await browser.waitFor("[data-test=count-http-routers]", containing: "1 errors")
        #expect(routers.contains("2"), "\(routers)")
        try await browser.waitFor("table[data-test=entrypoints]", containing: "traefik")
        try await browser.screenshot("overview")

        // The broken router says why.
        try await browser.open("\(origin)/dashboard/#/http/routers/broken@file")
        let errors = try await browser.waitFor("[data-test=errors]", containing: "missing")
        #expect(errors.contains("service missing@file does not exist"), "\(errors)")

        // A middleware's page shows its settings.
        try await browser.open("\(origin)/dashboard/#/http/middlewares/strip@file")
        try await browser.waitFor("[data-test=settings]", containing: "/x")

        // A router added to the file appears in the open list, without reloading the page.
        try await browser.open("\(origin)/dashboard/#/http/routers")
        try await browser.waitFor("table[data-test=list]", containing: "shop@file")
        _ = try await browser.evaluate("window.teeNotReloaded = true")
        try await proxy.rewrite(Self.dynamic(backend: backend, extraRouter: """
                fresh:
                  rule: "Host(`fresh.test`)"
                  service: app
            """), expectGeneration: 2)
        try await browser.waitFor("table[data-test=list]", containing: "fresh@file")
        #expect(try await browser.evaluate("return window.teeNotReloaded === true") as? Bool == true, "the page was reloaded")
        try await browser.screenshot("routers")

        // Search narrows the list.
        try await browser.type("#search", "fresh")
        try await browser.waitFor("[data-test=range]", containing: "of 1")
        #expect(try await browser.count("table[data-test=list] tbody tr") == 1)

        // Live request rate and latency for a router with traffic.
        try await browser.open("\(origin)/dashboard/#/http/routers/shop@file")
        let traffic = Task {
            for _ in 0..<60 where !Task.isCancelled {
                _ = try? await proxy.get("/", host: "shop.test")
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        defer { traffic.cancel() }
        try await browser.waitFor("[data-test=rule]", containing: "shop.test")
        var drawn = false
        for _ in 0..<40 where !drawn {
            try await Task.sleep(for: .milliseconds(500))
            let rate = try await browser.count("#rate-plot canvas")
            let latency = try await browser.count("#latency-plot canvas")
            drawn = rate > 0 && latency > 0
        }
        let page = try await browser.text("main")
        #expect(drawn, "no plot was drawn: \(page)")
        try await browser.screenshot("router")

        let urls = try await browser.requestedURLs()
        #expect(!urls.isEmpty)
        #expect(urls.allSatisfy { $0.hasPrefix(origin + "/") }, "requests to other origins: \(urls.filter { !$0.hasPrefix(origin + "/") })")
    }

    @Test("a controller's dashboard: 401 without a token, sign-in with one, proxies that turn stale, a new router without reload, events")
    func cluster() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        // The API refuses invalid objects; a file of the controllers' dynamic directory can hold a broken router.
        let files = try TemporaryDirectory.make(prefix: "dynamic")
        try "http:\n  routers:\n    broken:\n      rule: \"Host(`broken.test`)\"\n      service: missing\n"
            .write(toFile: "\(files)/broken.yaml", atomically: true, encoding: .utf8)
        let cluster = try await ClusterFixture(controllers: 1, dynamicDirectory: files)
        try await cluster.startProxy("p1")
        try await cluster.startProxy("p2")
        #expect(await ClusterFixture.eventually { await cluster.leader() != nil })
        #expect(try await cluster.apply(Self.clusterDynamic(backend: backend), via: 0)?.status == 200)
        #expect(await ClusterFixture.eventually {
            let nodes = (try? await cluster.api("/api/v1/nodes", via: 0))?.body ?? ""
            return nodes.contains("\"name\":\"p1\"") && nodes.contains("\"name\":\"p2\"") && !nodes.contains("\"appliedVersion\":0")
        })

        // Without a certificate or a token: 401 everywhere, the dashboard offering its sign-in form.
        for path in ["/dashboard/", "/dashboard/app.js", "/api/overview", "/api/http/routers", "/api/v1/nodes"] {
            #expect(try await cluster.api(path, via: 0, clientCertificate: false)?.status == 401, "\(path)")
        }
        #expect(try await cluster.api("/dashboard/", via: 0, clientCertificate: false)?.body.contains("name=\"token\"") == true)
        let created = try #require(try await cluster.api("/api/v1/tokens", via: 0, extra: [
            "-X", "POST", "-H", "Content-Type: application/json", "--data", #"{"role": "dashboard", "ttl": "1h"}"#,
        ]))
        let token = try #require(created.body.firstMatch(of: /"token":"([a-z0-9]{6}\.[a-z0-9]{16})"/)).output.1
        let bearer = ["-H", "Authorization: Bearer \(token)"]
        #expect(try await cluster.api("/api/overview", via: 0, extra: bearer, clientCertificate: false)?.status == 200)
        #expect(try await cluster.api("/api/v1/nodes", via: 0, extra: bearer, clientCertificate: false)?.status == 200)
        // A dashboard token reads; it neither writes nor reads what the dashboard does not need.
        #expect(try await cluster.api("/api/v1/config", via: 0, extra: bearer, clientCertificate: false)?.status == 401)
        #expect(try await cluster.api("/api/v1/tokens", via: 0, extra: bearer + ["-X", "POST", "--data", "{}"],
                                      clientCertificate: false)?.status == 401)
        #expect(try await cluster.api("/api/overview", via: 0, extra: ["-H", "Authorization: Bearer abcdef.0123456789abcdef"],
                                      clientCertificate: false)?.status == 401)
        // Nor does it join a node.
        let join = try await cluster.api("/api/v1/join", via: 0, extra: ["-X", "POST", "--data",
            #"{"token": "\#(token)", "role": "dashboard", "name": "x", "csr": ""}"#], clientCertificate: false)
        #expect(join?.status != 200, "\(join?.body ?? "")")

        let origin = "https://127.0.0.1:\(cluster.controllers[0].apiPort)"
        let browser = try await BrowserSession.start()
        defer { Task { await browser.quit() } }
        try await browser.open("\(origin)/dashboard/")
        try await browser.waitFor("form", containing: "Sign in")
        try await browser.type("#token", "nope.0123456789abcdef", enter: true)
        try await browser.waitFor("main", containing: "not a valid dashboard token")
        try await browser.type("#token", String(token), enter: true)
        try await browser.waitFor("[data-test=count-http-routers]", containing: "1 errors")

        try await browser.open("\(origin)/dashboard/#/cluster")
        let proxies = try await browser.waitFor("table[data-test=proxies]", containing: "p2")
        #expect(proxies.contains("p1") && !proxies.contains("stale"), "\(proxies)")
        try await browser.waitFor("table[data-test=controllers]", containing: "leader")
        try await browser.screenshot("cluster")
        await cluster.killProxy("p2")
        let stale = try await browser.waitFor("table[data-test=proxies]", containing: "stale", timeout: 20)
        #expect(stale.split(separator: "\n").first { $0.contains("p2") }?.contains("stale") == true, "\(stale)")

        // A router applied through the API shows up in the open list.
        try await browser.open("\(origin)/dashboard/#/http/routers")
        try await browser.waitFor("table[data-test=list]", containing: "shop@api")
        #expect(try await cluster.apply(Self.clusterDynamic(backend: backend, extraRouter: """
                fresh:
                  rule: "Host(`fresh.test`)"
                  service: app
            """), via: 0)?.status == 200)
        try await browser.waitFor("table[data-test=list]", containing: "fresh@api", timeout: 20)

        // Request rate and latency summed from what the proxies report to the controllers.
        let p1 = cluster.proxies[0].webPort
        let traffic = Task {
            for _ in 0..<400 where !Task.isCancelled {
                _ = try? await TestConnection(port: p1).get("/", host: "shop.test")
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        defer { traffic.cancel() }
        try await browser.open("\(origin)/dashboard/#/http/routers/shop@api")
        try await browser.waitFor("[data-test=rule]", containing: "shop.test")
        try await browser.waitFor("#traffic-note", containing: "proxies' reports", timeout: 20)
        var drawn = false
        for _ in 0..<40 where !drawn {
            try await Task.sleep(for: .milliseconds(500))
            let rising = try await browser.evaluate("return plot && plot.samples.some((s) => s[1] > 0)") as? Bool ?? false
            drawn = try await browser.count("#rate-plot canvas") > 0 && rising
        }
        #expect(drawn, "no request rate from the proxies' reports was plotted")
        try await browser.screenshot("cluster-router")
        traffic.cancel()

        try await browser.open("\(origin)/dashboard/#/events")
        try await browser.waitFor("table[data-test=events]", containing: "dashboard sign-in")
        try await browser.open("\(origin)/dashboard/#/certificates")
        try await browser.waitFor("table[data-test=certificates]")

        let urls = try await browser.requestedURLs()
        #expect(urls.allSatisfy { $0.hasPrefix(origin + "/") }, "requests to other origins: \(urls.filter { !$0.hasPrefix(origin + "/") })")
    }
}
