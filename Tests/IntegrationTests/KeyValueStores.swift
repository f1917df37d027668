import Foundation
import TEETesting

/// A real key-value store for the KV providers' tests, written with the store's own client.
protocol KeyValueStore: AnyObject {
    /// The provider's name and its static settings (YAML under `providers:`).
    var provider: String { get }
    var settings: String { get }
    func set(_ key: String, _ value: String) async throws
    func delete(_ key: String) async throws
    func stop() async
    func start() async throws
}

/// Runs a client command to the end and throws with its output when it fails.
func runClient(_ executable: String, _ arguments: [String], input: String? = nil) async throws {
    var shell = "\"$0\" \"$@\""
    if let input {
        let path = try TemporaryDirectory.write(input, named: "input")
        shell += " < \(path)"
    }
    let process = try DaemonProcess("/bin/sh", ["-c", shell, executable] + arguments)
    guard await process.waitForExit(timeout: .seconds(30)) == 0 else {
        throw FixtureError(message: "\(executable) \(arguments.joined(separator: " ")) failed:\n\(process.log)")
    }
}

/// A store's server process on a loopback port, started (again) with the same command.
final class StoreServer {
    let port: Int
    let directory: String
    private var process: DaemonProcess?
    private let command: (_ port: Int, _ directory: String) -> (executable: String, arguments: [String])

    init(prefix: String, command: @escaping (_ port: Int, _ directory: String) -> (executable: String, arguments: [String])) throws {
        self.port = try FreePort.next()
        self.directory = try TemporaryDirectory.make(prefix: prefix)
        self.command = command
    }

    deinit { self.process?.send(SIGKILL) }

    /// Starts the server and waits until its port accepts connections.
    func start(timeout: Duration = .seconds(10)) async throws {
        let (executable, arguments) = self.command(self.port, self.directory)
        self.process = try DaemonProcess(executable, arguments)
        guard await ClusterFixture.eventually(timeout, { (try? TestConnection(port: self.port)) != nil }) else {
            throw FixtureError(message: "\(executable) did not start:\n\(self.process?.log ?? "")")
        }
    }

    func stop() async {
        self.process?.send(SIGKILL)
        _ = await self.process?.waitForExit()
    }
}

final class RedisStore: KeyValueStore {
    let server: StoreServer
    var port: Int { self.server.port }
    let provider = "redis"
    var settings: String { "  redis:\n    endpoints: [\"127.0.0.1:\(self.port)\"]\n" }

    init() async throws {
        self.server = try StoreServer(prefix: "redis") { port, directory in
            ("/usr/bin/redis-server", ["--port", "\(port)", "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--dir", directory])
        }
        try await self.start()
    }

    func start() async throws { try await self.server.start() }
    func stop() async { await self.server.stop() }

    func set(_ key: String, _ value: String) async throws {
        try await runClient("/usr/bin/redis-cli", ["-p", "\(self.port)", "SET", key, value])
    }

    func delete(_ key: String) async throws {
        // The key and every key under it, as ZooKeeper's deleteall does.
        try await runClient("/usr/bin/redis-cli", ["-p", "\(self.port)", "EVAL",
                                                   "for _, k in ipairs(redis.call('KEYS', ARGV[1] .. '/*')) do redis.call('DEL', k) end return redis.call('DEL', ARGV[1])",
                                                   "0", key])
    }
}

final class EtcdStore: KeyValueStore {
    let cluster: EtcdTestCluster
    let provider = "etcd"
    var settings: String { "  etcd:\n    endpoints: [\"127.0.0.1:\(self.cluster.members[0].clientPort)\"]\n" }

    init() async throws {
        self.cluster = try await EtcdTestCluster(size: 1)
    }

    func start() async throws { try await self.cluster.restart(0) }
    func stop() async { await self.cluster.kill(0) }

    func set(_ key: String, _ value: String) async throws {
        try await runClient("/usr/bin/etcdctl", ["--endpoints", self.cluster.members[0].clientURL, "put", key, value])
    }

    func delete(_ key: String) async throws {
        // The key and every key under it, as ZooKeeper's deleteall does.
        try await runClient("/usr/bin/etcdctl", ["--endpoints", self.cluster.members[0].clientURL, "del", key])
        try await runClient("/usr/bin/etcdctl", ["--endpoints", self.cluster.members[0].clientURL, "del", "--prefix", key + "/"])
    }
}

/// ZooKeeper's own server and command-line client (Debian's `zookeeper`), on the JVM.
final class ZooKeeperStore: KeyValueStore {
    let server: StoreServer
    var port: Int { self.server.port }
    let provider = "zookeeper"
    var settings: String { "  zooKeeper:\n    endpoints: [\"127.0.0.1:\(self.port)\"]\n" }
    static let classPath = "/etc/zookeeper/conf:/usr/share/java/zookeeper.jar"

    init() async throws {
        self.server = try StoreServer(prefix: "zookeeper") { port, directory in
            ("/usr/bin/java", ["-cp", Self.classPath, "-Dzookeeper.admin.enableServer=false",
                               "org.apache.zookeeper.server.ZooKeeperServerMain", "\(port)", directory])
        }
        try await self.start()
    }

    /// The JVM takes a while.
    func start() async throws { try await self.server.start(timeout: .seconds(30)) }
    func stop() async { await self.server.stop() }

    private func cli(_ commands: [String]) async throws {
        // A server that has just started can lose the client's first connection: try again.
        for _ in 0..<2 {
            if (try? await runClient("/usr/bin/java", ["-cp", Self.classPath, "org.apache.zookeeper.ZooKeeperMain", "-server", "127.0.0.1:\(self.port)"],
                                     input: commands.joined(separator: "\n") + "\nquit\n")) != nil { return }
            try await Task.sleep(for: .seconds(1))
        }
        try await runClient("/usr/bin/java", ["-cp", Self.classPath, "org.apache.zookeeper.ZooKeeperMain", "-server", "127.0.0.1:\(self.port)"],
                            input: commands.joined(separator: "\n") + "\nquit\n")
    }

    func set(_ key: String, _ value: String) async throws {
        let parts = key.split(separator: "/")
        // Parents first (an existing node is refused, harmlessly), then the node, then its value.
        var commands = (1..<parts.count).map { "create /\(parts[0..<$0].joined(separator: "/")) \"\"" }
        commands += ["create /\(key) \"\(value)\"", "set /\(key) \"\(value)\""]
        try await self.cli(commands)
    }

    func delete(_ key: String) async throws {
        try await self.cli(["deleteall /\(key)"])
    }
}
