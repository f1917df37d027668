import Foundation
import TEETesting
import Testing

/// `providers.http` against a real HTTP server (Python's http.server serving a file the test rewrites).
@Suite(.serialized) struct HTTPProviderTests {
    static func document(host: String, backend: TestBackend) -> String {
        """
        {"http": {"routers": {"site": {"rule": "Host(`\(host)`)", "service": "site", "middlewares": ["tag@file"]}},
                  "services": {"site": {"loadBalancer": {"servers": [{"url": "http://127.0.0.1:\(backend.port)"}]}}}}}
        """
    }

    static func startServer(directory: String, port: Int) async throws -> DaemonProcess {
        let server = try DaemonProcess("/usr/bin/python3", ["-m", "http.server", "--bind", "127.0.0.1", "--directory", directory, "\(port)"])
        guard await ClusterFixture.eventually(.seconds(10), { (try? TestConnection(port: port)) != nil }) else {
            throw FixtureError(message: "http.server did not start")
        }
        return server
    }

    @Test func proxyFollowsTheDocumentKeepsTheLastGoodOneAndRecovers() async throws {
        let served = try TemporaryDirectory.make(prefix: "http-provider")
        let port = try FreePort.next()
        let lab = try await ProviderLab(providers: """
              http:
                endpoint: http://127.0.0.1:\(port)/tee.json
                pollInterval: 200ms
                pollTimeout: 1s
            """)
        try Self.document(host: "site.test", backend: lab.a).write(toFile: "\(served)/tee.json", atomically: true, encoding: .utf8)
        var server = try await Self.startServer(directory: served, port: port)

        // Served, with the file provider's middleware (`tag@file`) on the provider's router.
        #expect(await lab.waitUntil(host: "site.test", servedBy: "a"))
        #expect(await lab.served(host: "site.test").tagged)

        // A change is followed.
        try Self.document(host: "site.test", backend: lab.b).write(toFile: "\(served)/tee.json", atomically: true, encoding: .utf8)
        #expect(await lab.waitUntil(host: "site.test", servedBy: "b"))

        // A document that does not parse: the last good one stays, the error is logged.
        try "{\"http\": {\"routers\": ".write(toFile: "\(served)/tee.json", atomically: true, encoding: .utf8)
        #expect(await lab.proxy.process.waitForLog("Provider http:"))
        #expect(await lab.stays(host: "site.test", servedBy: "b", for: .seconds(1)))
        let failing = await lab.providersAPI()
        #expect(failing.contains("\"status\":\"error\"") && failing.contains("http/endpoint"), "\(failing)")

        // The server goes away: still served. It comes back with a new document: followed.
        server.send(SIGKILL)
        _ = await server.waitForExit()
        #expect(await lab.proxy.process.waitForLog("cannot fetch"))
        #expect(await lab.stays(host: "site.test", servedBy: "b", for: .seconds(1)))
        try Self.document(host: "other.test", backend: lab.a).write(toFile: "\(served)/tee.json", atomically: true, encoding: .utf8)
        server = try await Self.startServer(directory: served, port: port)
        #expect(await lab.waitUntil(host: "other.test", servedBy: "a"))
        #expect(await lab.waitUntil(host: "site.test", servedBy: nil))
        #expect(await lab.proxy.process.waitForLog("Provider http is up to date again"))
        let recovered = await lab.providersAPI()
        #expect(recovered.contains("\"status\":\"ok\"") && !recovered.contains("\"error\":"), "\(recovered)")
        server.send(SIGKILL)
    }
}
