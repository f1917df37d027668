import Foundation
import TEETesting

/// A real container engine for the Docker provider's tests: Podman serving the Docker API on a
/// socket, with its own storage, and containers that run busybox's httpd from a root built from
/// the host's static busybox (no image registry is needed).
final class PodmanEngine {
    let directory: String
    let socket: String
    private var service: DaemonProcess?
    private let rootfs: String

    init() async throws {
        self.directory = try TemporaryDirectory.make(prefix: "podman")
        self.socket = "\(self.directory)/docker.sock"
        self.rootfs = "\(self.directory)/rootfs"
        for path in ["bin", "www", "tmp"] {
            try FileManager.default.createDirectory(atPath: "\(self.rootfs)/\(path)", withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: "/usr/bin/busybox", toPath: "\(self.rootfs)/bin/busybox")
        try await self.start()
    }

    deinit {
        self.service?.send(SIGKILL)
        // Containers of this engine's storage go with it.
        _ = try? DaemonProcess("/usr/bin/podman", ["--root", "\(self.directory)/storage", "--runroot", "\(self.directory)/run", "rm", "-a", "-f", "-t", "0"])
    }

    private var globalOptions: [String] {
        ["--root", "\(self.directory)/storage", "--runroot", "\(self.directory)/run", "--runtime", "runc", "--cgroup-manager", "cgroupfs"]
    }

    /// Starts (or restarts) the API service.
    func start() async throws {
        try? FileManager.default.removeItem(atPath: self.socket)
        self.service = try DaemonProcess("/usr/bin/podman", self.globalOptions + ["system", "service", "--time", "0", "unix://\(self.socket)"])
        guard await ClusterFixture.eventually(.seconds(20), { FileManager.default.fileExists(atPath: self.socket) }) else {
            throw FixtureError(message: "podman system service did not start:\n\(self.service?.log ?? "")")
        }
    }

    /// Stops the API service (the containers keep running).
    func stop() async {
        self.service?.send(SIGKILL)
        _ = await self.service?.waitForExit()
        self.service = nil
    }

    /// Runs a container called `name` serving `name` as its page on port 8080, with `labels`.
    @discardableResult
    func run(_ name: String, labels: [String: String]) async throws -> String {
        var arguments = self.globalOptions + ["run", "-d", "--name", name, "--ulimit", "nofile=20000:20000", "--ulimit", "nproc=1000:1000"]
        for (key, value) in labels.sorted(by: { $0.key < $1.key }) { arguments += ["--label", "\(key)=\(value)"] }
        // Each container serves its own copy of the page: the root is shared, so the page is written into /tmp first.
        arguments += ["--rootfs", self.rootfs, "/bin/busybox", "sh", "-c",
                      "mkdir -p /tmp/\(name) && echo \(name) > /tmp/\(name)/index.html && exec /bin/busybox httpd -f -p 8080 -h /tmp/\(name)"]
        return try await Self.podman(arguments)
    }

    /// Removes every container and stops the service.
    func shutdown() async {
        _ = try? await Self.podman(self.globalOptions + ["rm", "-a", "-f", "-t", "0"])
        await self.stop()
    }

    func remove(_ name: String) async throws {
        _ = try await Self.podman(self.globalOptions + ["rm", "-f", "-t", "0", name])
    }

    /// Runs podman to the end. The exit status is written by a shell to a file: the test runner
    /// does not always see podman's own exit once it has started a container's monitor.
    @discardableResult
    static func podman(_ arguments: [String]) async throws -> String {
        let statusPath = try TemporaryDirectory.make(prefix: "podman-status") + "/status"
        let process = try DaemonProcess("/bin/sh", ["-c", "/usr/bin/podman \"$@\"; echo $? > \(statusPath)", "sh"] + arguments)
        var status: String?
        let finished = await ClusterFixture.eventually(.seconds(60)) {
            status = try? String(contentsOfFile: statusPath, encoding: .utf8)
            return status?.hasSuffix("\n") == true
        }
        let text = process.log.trimmingCharacters(in: .whitespacesAndNewlines)
        guard finished, status == "0\n" else { throw FixtureError(message: "podman \(arguments.joined(separator: " ")): \(text)") }
        return text
    }
}
