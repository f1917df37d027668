import Foundation
import TEETesting

/// A tee-proxy process with a static configuration (`web` plus extra entry points) and a
/// watched dynamic configuration file that tests can rewrite.
final class ProxyFixture {
    let webPort: Int
    let directory: String
    let dynamicPath: String
    let process: DaemonProcess

    /// - Parameters:
    ///   - dynamic: the dynamic configuration (YAML, or TOML when `format` is `toml`).
    ///   - entryPointExtra: YAML lines added under `entryPoints.web`.
    init(dynamic: String, format: String = "yaml", entryPointExtra: String = "", staticExtra: String = "",
         arguments: [String] = [], webPort: Int? = nil) async throws {
        self.webPort = try webPort ?? FreePort.next()
        self.directory = try TemporaryDirectory.make(prefix: "proxy")
        self.dynamicPath = "\(self.directory)/dynamic.\(format)"
        try dynamic.write(toFile: self.dynamicPath, atomically: true, encoding: .utf8)
        let staticPath = "\(self.directory)/proxy.yaml"
        try """
        entryPoints:
          web:
            address: "127.0.0.1:\(self.webPort)"
        \(entryPointExtra)
        providers:
          file:
            filename: \(self.dynamicPath)
            watch: true
        \(staticExtra)
        """.write(toFile: staticPath, atomically: true, encoding: .utf8)
        self.process = try DaemonProcess("tee-proxy", ["--config", staticPath] + arguments)
        // The console format writes `Listening address=…`; the JSON format the address as a field.
        let listening = arguments.contains("json") ? "\"address\":\"127.0.0.1:\(self.webPort)\"" : "Listening address=127.0.0.1:\(self.webPort)"
        guard await self.process.waitForLog(listening) else {
            throw FixtureError(message: "tee-proxy did not start:\n\(self.process.log)")
        }
    }

    deinit {
        self.process.send(SIGKILL)
    }

    /// Replaces the dynamic configuration and waits until the proxy has loaded generation `generation`.
    func rewrite(_ dynamic: String, expectGeneration generation: Int) async throws {
        try dynamic.write(toFile: self.dynamicPath, atomically: true, encoding: .utf8)
        guard await self.process.waitForLog("Configuration loaded generation=\(generation)") else {
            throw FixtureError(message: "no reload to generation \(generation):\n\(self.process.log)")
        }
    }

    /// A new keep-alive connection to the `web` entry point.
    func connect() throws -> TestConnection {
        try TestConnection(port: self.webPort)
    }

    /// One GET on a new connection; a failure carries the proxy's log.
    func get(_ path: String, host: String = "localhost", headers: [String: String] = [:]) async throws -> TestHTTPResponse? {
        do {
            return try await self.connect().get(path, host: host, headers: headers)
        } catch {
            throw FixtureError(message: "GET \(path) on port \(self.webPort): \(error)\nlog:\n\(self.process.log)")
        }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let message: String
    var description: String { self.message }
}

extension TestHTTPResponse {
    /// The value of `key=` in a test backend's description.
    func field(_ key: String) -> String? {
        self.body.split(separator: "\n").first { $0.hasPrefix("\(key)=") }.map { String($0.dropFirst(key.count + 1)) }
    }
}
