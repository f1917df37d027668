import Foundation
import TEETesting

/// A whole cluster on loopback: a 3-member etcd cluster, a controller beside each member, and
/// proxies configured by the controllers over mutual TLS. Processes can be killed and restarted.
final class ClusterFixture: @unchecked Sendable {
    struct Controller {
        let name: String
        let apiPort: Int
        let distributionPort: Int
    }

    struct Proxy {
        let name: String
        let webPort: Int
        let configPath: String
    }

    let etcd: EtcdTestCluster
    let pki: TestCertificates
    let node: (certFile: String, keyFile: String)
    /// The cluster's data key, the same for every controller.
    let dataKeyFile: String
    let controllers: [Controller]
    private(set) var proxies: [Proxy] = []
    private var controllerProcesses: [DaemonProcess?]
    private var proxyProcesses: [DaemonProcess?] = []

    /// The controllers' file-provider directory ("" for none).
    let dynamicDirectory: String
    /// The controllers' `--static-config` ("" for none) and extra environment.
    let staticConfig: String
    let controllerEnvironment: [String: String]

    init(controllers count: Int = 3, dynamicDirectory: String = "", staticConfig: String = "",
         controllerEnvironment: [String: String] = [:]) async throws {
        self.dynamicDirectory = dynamicDirectory
        self.staticConfig = staticConfig
        self.controllerEnvironment = controllerEnvironment
        self.socketDirectory = try TemporaryDirectory.make(prefix: "run")
        self.pki = try await TestCertificates()
        self.dataKeyFile = try TemporaryDirectory.write(
            Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString(), named: "data.key")
        self.node = try await self.pki.issue("node", names: ["tee-node", "127.0.0.1"])
        // etcd speaks mutual TLS with clients and peers, as tee-etcd does.
        self.etcd = try await EtcdTestCluster(size: count, tls: .init(caFile: self.pki.caFile, certFile: self.node.certFile,
                                                                      keyFile: self.node.keyFile), prefix: "c")
        var controllers: [Controller] = []
        for index in 1...count {
            controllers.append(Controller(name: "c\(index)", apiPort: try FreePort.next(), distributionPort: try FreePort.next()))
        }
        self.controllers = controllers
        self.controllerProcesses = Array(repeating: nil, count: count)
        for index in controllers.indices { try await self.startController(index) }
    }

    deinit {
        for process in self.controllerProcesses + self.proxyProcesses { process?.send(SIGKILL) }
    }

    /// Controller `index`'s unix socket for the API.
    func apiSocket(_ index: Int) -> String { "\(self.socketDirectory)/\(self.controllers[index].name).sock" }
    private let socketDirectory: String

    var distributionAddresses: [String] { self.controllers.map { "127.0.0.1:\($0.distributionPort)" } }

    func startController(_ index: Int) async throws {
        let controller = self.controllers[index]
        let process = try DaemonProcess("tee-controller", [
            "--name", controller.name, "--etcd", self.etcd.members[index].clientURL,
            "--api-socket", self.apiSocket(index), "--api-address", "127.0.0.1:\(controller.apiPort)",
            "--distribution-address", "127.0.0.1:\(controller.distributionPort)",
            "--ca-file", self.pki.caFile, "--cert-file", self.node.certFile, "--key-file", self.node.keyFile,
            "--dynamic-directory", self.dynamicDirectory, "--leader-lease-ttl", "2", "--log-level", "debug",
            "--data-key-file", self.dataKeyFile, "--static-config", self.staticConfig,
        ], environment: self.controllerEnvironment)
        self.controllerProcesses[index] = process
        guard await process.waitForLog("Controller starting") else {
            throw FixtureError(message: "controller \(controller.name) did not start:\n\(process.log)")
        }
        for _ in 0..<200 where (try? TestConnection(port: controller.apiPort)) == nil {
            try await Task.sleep(for: .milliseconds(50))
        }
    }

    func killController(_ index: Int) async {
        guard let process = self.controllerProcesses[index] else { return }
        process.send(SIGKILL)
        _ = await process.waitForExit(timeout: .seconds(10))
        self.controllerProcesses[index] = nil
    }

    func controllerLog(_ index: Int) -> String { self.controllerProcesses[index]?.log ?? "(not running)" }

    /// Starts a proxy named `name` (again, on the same port and state directory, when it ran
    /// before); it tries controller `preferring` first.
    @discardableResult
    func startProxy(_ name: String, preferring first: Int = 0, extraEntryPoints: String = "") async throws -> Proxy {
        let proxy: Proxy
        if let existing = self.proxies.first(where: { $0.name == name }) {
            proxy = existing
        } else {
            let directory = try TemporaryDirectory.make(prefix: "proxy-\(name)")
            proxy = Proxy(name: name, webPort: try FreePort.next(), configPath: "\(directory)/proxy.yaml")
            try """
            entryPoints:
              web:
                address: "127.0.0.1:\(proxy.webPort)"
            \(extraEntryPoints)
            cluster:
              nodeName: \(name)
              controllers: [\((Array(self.distributionAddresses[first...]) + self.distributionAddresses[..<first]).map { "\"\($0)\"" }.joined(separator: ", "))]
              stateDirectory: \(directory)/state
              tls:
                caFile: \(self.pki.caFile)
                certFile: \(self.node.certFile)
                keyFile: \(self.node.keyFile)
            """.write(toFile: proxy.configPath, atomically: true, encoding: .utf8)
            self.proxies.append(proxy)
            self.proxyProcesses.append(nil)
        }
        let index = self.proxies.firstIndex { $0.name == name }!
        let process = try DaemonProcess("tee-proxy", ["--config", proxy.configPath, "--log-level", "debug"])
        self.proxyProcesses[index] = process
        guard await process.waitForLog("Listening address=127.0.0.1:\(proxy.webPort)") else {
            throw FixtureError(message: "proxy \(name) did not start:\n\(process.log)")
        }
        return proxy
    }

    func killProxy(_ name: String) async {
        guard let index = self.proxies.firstIndex(where: { $0.name == name }), let process = self.proxyProcesses[index] else { return }
        process.send(SIGKILL)
        _ = await process.waitForExit(timeout: .seconds(10))
        self.proxyProcesses[index] = nil
    }

    func proxyLog(_ name: String) -> String {
        self.proxies.firstIndex { $0.name == name }.flatMap { self.proxyProcesses[$0]?.log } ?? "(not running)"
    }

    /// `PUT /api/v1/config` on controller `index` (HTTPS with the node's client certificate).
    func apply(_ yaml: String, via index: Int, ifMatch: String? = nil) async throws -> TestHTTPResponse? {
        let file = try TemporaryDirectory.write(yaml, named: "apply.yaml")
        return try await self.api("/api/v1/config", via: index, extra: [
            "-X", "PUT", "-H", "Content-Type: application/yaml", "--data-binary", "@\(file)",
        ] + (ifMatch.map { ["-H", "If-Match: \($0)"] } ?? []))
    }

    /// A request to controller `index`'s API over mutual TLS; nil when it does not answer.
    func api(_ path: String, via index: Int, extra: [String] = [], clientCertificate: Bool = true) async throws -> TestHTTPResponse? {
        var arguments = ["-i", "--cacert", self.pki.caFile]
        if clientCertificate { arguments += ["--cert", self.node.certFile, "--key", self.node.keyFile] }
        let result = try await Curl.run(arguments + extra + ["https://127.0.0.1:\(self.controllers[index].apiPort)\(path)"])
        guard result.status == 0 else { return nil }
        return TestHTTPResponse(parsing: Array(result.output.utf8))
    }

    /// `etcdctl` (API v3) against the first etcd member, with the node's client certificate.
    func etcdctl(_ arguments: [String]) throws -> DaemonProcess {
        try DaemonProcess("/usr/bin/etcdctl", ["--endpoints", self.etcd.members[0].clientURL, "--cacert", self.pki.caFile,
                                               "--cert", self.node.certFile, "--key", self.node.keyFile] + arguments,
                          environment: ["ETCDCTL_API": "3"])
    }

    /// The controller that says it leads, among those running.
    func leader() async -> Int? {
        for index in self.controllers.indices where self.controllerProcesses[index] != nil {
            if let health = try? await self.api("/api/v1/health", via: index), health.body.contains("\"isLeader\":true") { return index }
        }
        return nil
    }

    /// Waits up to `timeout` for `condition`.
    static func eventually(_ timeout: Duration = .seconds(10), _ condition: () async -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return await condition()
    }
}

/// A dynamic configuration routing `Host(host)` to `backend`, tagged by a header so tests can
/// tell versions apart.
func clusterRoute(host: String, backend: TestBackend, tag: String) -> String {
    """
    http:
      routers:
        app:
          rule: "Host(`\(host)`)"
          service: app
          middlewares: [tag]
      middlewares:
        tag:
          headers:
            customResponseHeaders:
              X-Config: "\(tag)"
      services:
        app:
          loadBalancer:
            servers: [{url: "\(backend.url)"}]
    """
}
