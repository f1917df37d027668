import Foundation
import TEEPKI
import TEETesting
import Testing

/// Hosts for mesh tests on one machine: a network namespace per host (10.78.0.N on a bridge in
/// a namespace of its own), a tee-mesh agent in each (standalone: the same mesh file and CA),
/// and test services and clients run inside them as given uids.
final class MeshLab: Sendable {
    static let ip = "/usr/sbin/ip"
    /// The namespaces' names begin with it (a lab of its own per suite, so suites may run at once).
    let prefix: String
    let directory: String
    let hosts: [String]
    private let processes: ProcessList
    private let agentList = ProcessList()
    /// The agents, one per host, in the order of `hosts`.
    var agents: [DaemonProcess] { self.agentList.all }

    /// What a client run reported.
    struct ClientResult: Decodable, CustomStringConvertible {
        var status: [String: Int]
        var names: [String: Int]
        var errors: Int
        var bodies: [String]
        var description: String { "status \(self.status), names \(self.names), errors \(self.errors), bodies \(self.bodies)" }
    }

    /// The child processes to kill when the lab stops.
    final class ProcessList: @unchecked Sendable {
        private let lock = NSLock()
        private var processes: [DaemonProcess] = []

        func append(_ process: DaemonProcess) {
            self.lock.withLock { self.processes.append(process) }
        }

        var all: [DaemonProcess] { self.lock.withLock { self.processes } }
    }

    private init(directory: String, hosts: [String], prefix: String) {
        self.prefix = prefix
        self.directory = directory
        self.hosts = hosts
        self.processes = ProcessList()
    }

    /// The address of host number `index` (0-based).
    static func address(of index: Int) -> String { "10.78.0.\(index + 1)" }

    /// Makes the namespaces, writes the CA, the mesh file and each agent's file (with `agentExtra`
    /// lines added), and starts the agents.
    static func start(hosts: [String], mesh: String, prefix: String = "tee-mt-", agentExtra: String = "") async throws -> MeshLab {
        let directory = try TemporaryDirectory.make(prefix: "mesh-lab")
        #expect(chmod(directory, 0o755) == 0)
        let lab = MeshLab(directory: directory, hosts: hosts, prefix: prefix)
        await lab.deleteNamespaces()
        try await lab.ip(["netns", "add", "\(lab.prefix)br"])
        try await lab.ip(["-n", "\(lab.prefix)br", "link", "add", "br0", "type", "bridge"])
        try await lab.ip(["-n", "\(lab.prefix)br", "link", "set", "br0", "up"])
        for (index, host) in hosts.enumerated() {
            let namespace = lab.prefix + host
            try await lab.ip(["netns", "add", namespace])
            try await lab.ip(["link", "add", "v-\(host)", "netns", "\(lab.prefix)br", "type", "veth", "peer", "name", "eth0", "netns", namespace])
            try await lab.ip(["-n", "\(lab.prefix)br", "link", "set", "v-\(host)", "master", "br0", "up"])
            try await lab.ip(["-n", namespace, "addr", "add", "\(Self.address(of: index))/24", "dev", "eth0"])
            try await lab.ip(["-n", namespace, "link", "set", "eth0", "up"])
            try await lab.ip(["-n", namespace, "link", "set", "lo", "up"])
        }
        let ca = try ClusterCA.create(clusterName: "meshtest")
        try ca.certificatePEM.write(toFile: "\(directory)/ca.pem", atomically: true, encoding: .utf8)
        try ca.keyPEM.write(toFile: "\(directory)/ca.key", atomically: true, encoding: .utf8)
        try mesh.write(toFile: "\(directory)/mesh.yaml", atomically: true, encoding: .utf8)
        let helpers = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("MeshHelpers").path
        for script in ["mesh_backend.py", "mesh_client.py"] {
            try FileManager.default.copyItem(atPath: "\(helpers)/\(script)", toPath: "\(directory)/\(script)")
            #expect(chmod("\(directory)/\(script)", 0o644) == 0)
        }
        for (index, host) in hosts.enumerated() {
            let peers = hosts.enumerated().filter { $0.element != host }.map { "\($0.element): \"\(Self.address(of: $0.offset)):4243\"" }
            try """
                node: \(host)
                clusterName: meshtest
                listen: "\(Self.address(of: index)):4243"
                peers: {\(peers.joined(separator: ", "))}
                dns: "127.0.0.153:5353"
                metrics: "127.0.0.1:9105"
                upstreams: ["9000=api.shop"]
                standalone: {meshFile: \(directory)/mesh.yaml, caCertFile: \(directory)/ca.pem, caKeyFile: \(directory)/ca.key}
                \(agentExtra)
                """.write(toFile: "\(directory)/agent-\(host).yaml", atomically: true, encoding: .utf8)
            let agent = try DaemonProcess(Self.ip, ["netns", "exec", lab.prefix + host, BuildProducts.path(of: "tee-mesh"),
                                                    "--config", "\(directory)/agent-\(host).yaml", "--log-level", "debug"])
            lab.processes.append(agent)
            lab.agentList.append(agent)
            try #require(await agent.waitForLog("Mesh configuration in service"), "agent on \(host):\n\(agent.log)")
        }
        return lab
    }

    /// Replaces the mesh file and reloads every agent (SIGHUP), waiting until each has put it in service.
    func reload(mesh: String) async throws {
        try mesh.write(toFile: "\(self.directory)/mesh.yaml", atomically: true, encoding: .utf8)
        for agent in self.agents {
            let before = agent.log.components(separatedBy: "Mesh configuration in service").count
            agent.send(SIGHUP)
            let deadline = ContinuousClock.now + .seconds(20)
            while agent.log.components(separatedBy: "Mesh configuration in service").count == before {
                guard ContinuousClock.now < deadline else { throw MeshLabError(message: "an agent did not reload:\n\(agent.log)") }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// Starts a test service in `host`'s namespace as `uid`, and waits until it listens.
    @discardableResult
    func service(_ name: String, on host: String, port: Int, uid: Int, mode: String = "ok") async throws -> DaemonProcess {
        let process = try DaemonProcess(Self.ip, ["netns", "exec", self.prefix + host, "/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(uid)",
                                                  "--clear-groups", "/usr/bin/python3", "\(self.directory)/mesh_backend.py", name, "\(port)", mode])
        self.processes.append(process)
        for _ in 0..<100 {
            let probe = try await self.python(on: host, uid: 0, ["-c", "import socket; socket.create_connection(('127.0.0.1', \(port)), timeout=1); print('up')"])
            if probe.contains("up") { return process }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("service \(name) on \(host):\(port) did not start: \(process.log)")
        return process
    }

    /// Sends `count` requests to `name:port` from `host` as `uid` (through the agent's DNS and virtual IP).
    func requests(from host: String, uid: Int, to name: String, port: Int, count: Int, method: String = "GET", path: String = "/",
                  headers: [String] = []) async throws -> ClientResult {
        let output = try await self.client(on: host, uid: uid, ["127.0.0.153:5353", name, "\(port)", "\(count)", method, path] + headers)
        guard let line = output.split(separator: "\n").last(where: { $0.hasPrefix("{") }),
              let result = try? JSONDecoder().decode(ClientResult.self, from: Data(line.utf8)) else {
            throw MeshLabError(message: "client output: \(output)")
        }
        return result
    }

    /// Runs the test client in `host` as `uid` and returns its output.
    func client(on host: String, uid: Int, _ arguments: [String]) async throws -> String {
        try await self.python(on: host, uid: uid, ["\(self.directory)/mesh_client.py"] + arguments)
    }

    /// Starts `executable` in `host`'s namespace as `uid`.
    func start(_ executable: String, _ arguments: [String], on host: String, uid: Int) throws -> DaemonProcess {
        let process = try DaemonProcess(Self.ip, ["netns", "exec", self.prefix + host, "/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(uid)",
                                                  "--clear-groups", executable] + arguments)
        self.processes.append(process)
        return process
    }

    /// Runs python3 in `host` as `uid` and returns its output.
    func python(on host: String, uid: Int, _ arguments: [String]) async throws -> String {
        let process = try DaemonProcess(Self.ip, ["netns", "exec", self.prefix + host, "/usr/bin/setpriv", "--reuid=\(uid)", "--regid=\(uid)",
                                                  "--clear-groups", "/usr/bin/python3"] + arguments)
        guard await process.waitForExit(timeout: .seconds(60)) != nil else {
            process.send(SIGKILL)
            throw MeshLabError(message: "python3 \(arguments) did not finish: \(process.log)")
        }
        return process.log
    }

    /// Stops every process and removes the namespaces.
    func stop() async {
        for process in self.processes.all { process.send(SIGKILL) }
        for process in self.processes.all { _ = await process.waitForExit(timeout: .seconds(5)) }
        await self.deleteNamespaces()
    }

    private func deleteNamespaces() async {
        for name in ["br"] + self.hosts {
            try? await self.ip(["netns", "delete", self.prefix + name], quiet: true)
        }
    }

    private func ip(_ arguments: [String], quiet: Bool = false) async throws {
        let process = try DaemonProcess(Self.ip, arguments)
        let status = await process.waitForExit(timeout: .seconds(20))
        if status != 0 && !quiet { throw MeshLabError(message: "ip \(arguments.joined(separator: " ")): \(process.log)") }
    }
}

/// A lab step that failed, with what it printed.
struct MeshLabError: Error, CustomStringConvertible {
    var message: String
    var description: String { self.message }
}
