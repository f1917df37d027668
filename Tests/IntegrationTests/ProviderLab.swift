import Foundation
import TEETesting

/// What the provider tests share: backends, a standalone proxy whose static file names providers,
/// and a file provider holding a middleware other providers' routers refer to (`tag@file`).
final class ProviderLab {
    let a: TestBackend
    let b: TestBackend
    let proxy: ProxyFixture

    /// The `traefik` entry point serving the API.
    let apiPort: Int

    /// `providers` is YAML under `providers:`, indented by two spaces (`  redis:\n    endpoints: …`).
    init(providers: String) async throws {
        self.a = try await TestBackend(name: "a")
        self.b = try await TestBackend(name: "b")
        self.apiPort = try FreePort.next()
        self.proxy = try await ProxyFixture(dynamic: Self.fileDocument,
                                            entryPointExtra: "  traefik:\n    address: \"127.0.0.1:\(self.apiPort)\"",
                                            staticExtra: providers + "\napi:\n  insecure: true\n")
    }

    /// The proxy's `/api/providers`.
    func providersAPI() async -> String {
        (try? await TestConnection(port: self.apiPort).get("/api/providers"))?.body ?? ""
    }

    /// The file provider's part: a middleware that tags responses, for cross-provider references.
    static let fileDocument = """
        http:
          middlewares:
            tag:
              headers:
                customResponseHeaders:
                  X-Tag: from-file
        """

    /// The backend `host` is served by now (nil for none), with whether the file's middleware ran.
    func served(host: String) async -> (backend: String?, tagged: Bool) {
        guard let response = try? await self.proxy.get("/", host: host), response.status == 200 else { return (nil, false) }
        return (response.header("x-backend"), response.header("x-tag") == "from-file")
    }

    /// Waits until `host` is served by `backend` (nil: until it is not served).
    func waitUntil(host: String, servedBy backend: String?, timeout: Duration = .seconds(15)) async -> Bool {
        await ClusterFixture.eventually(timeout) { await self.served(host: host).backend == backend }
    }

    /// Waits until `host` has been served by `backend` without a break for `period`.
    func stays(host: String, servedBy backend: String?, for period: Duration = .seconds(2)) async -> Bool {
        let end = ContinuousClock.now + period
        while ContinuousClock.now < end {
            guard await self.served(host: host).backend == backend else { return false }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return true
    }
}
