import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Real etcd members (Debian's `etcd` binary) on loopback, each with its own data directory,
/// forming one cluster. Members can be killed and started again on the same data.
public final class EtcdTestCluster: Sendable {
    public struct Member: Sendable {
        public let name: String
        public let clientPort: Int
        public let peerPort: Int
        public let dataDirectory: String
        let scheme: String
        public var clientURL: String { "\(self.scheme)://127.0.0.1:\(self.clientPort)" }
        public var peerURL: String { "\(self.scheme)://127.0.0.1:\(self.peerPort)" }
    }

    /// Mutual TLS for clients and peers: the CA and one certificate (for 127.0.0.1) all members use.
    public struct TLSFiles: Sendable {
        public let caFile: String
        public let certFile: String
        public let keyFile: String

        public init(caFile: String, certFile: String, keyFile: String) {
            self.caFile = caFile
            self.certFile = certFile
            self.keyFile = keyFile
        }
    }

    public let members: [Member]
    public let tls: TLSFiles?
    /// Holds every member's data (etcd preallocates 64 MB of log per member): removed with the cluster.
    private let directory: String
    private let processes: Mutex<[DaemonProcess?]>
    private let token: String

    /// Starts `size` members and waits until each serves clients; with `tls`, clients and peers
    /// must present certificates from its CA. Members are named `prefix1`, `prefix2`, … (a
    /// cluster's controllers give their member their own name).
    public init(size: Int, tls: TLSFiles? = nil, prefix: String = "m") async throws {
        self.tls = tls
        var members: [Member] = []
        let directory = try TemporaryDirectory.make(prefix: "etcd")
        for index in 1...size {
            members.append(Member(name: "\(prefix)\(index)", clientPort: try FreePort.next(), peerPort: try FreePort.next(),
                                  dataDirectory: "\(directory)/\(prefix)\(index)", scheme: tls == nil ? "http" : "https"))
        }
        self.members = members
        self.directory = directory
        self.token = "tee-test-\(UInt32.random(in: 0...UInt32.max))"
        self.processes = Mutex(Array(repeating: nil, count: size))
        for index in members.indices { try self.start(index, waitForReady: false) }
        for index in members.indices {
            guard await self.process(index)?.waitForLog("ready to serve client requests", timeout: .seconds(30)) == true else {
                throw EtcdTestClusterError(message: "etcd \(members[index].name) did not start:\n\(self.process(index)?.log ?? "")")
            }
        }
    }

    deinit {
        for process in self.processes.withLock({ $0 }) { process?.send(SIGKILL) }
        try? FileManager.default.removeItem(atPath: self.directory)
    }

    /// Every member's client URL, comma-separated (the form the daemons take).
    public var clientURLs: [String] { self.members.map(\.clientURL) }

    private func process(_ index: Int) -> DaemonProcess? {
        self.processes.withLock { $0[index] }
    }

    /// Starts member `index` (again), on its existing data when it has run before.
    public func start(_ index: Int, waitForReady: Bool = true) throws {
        let member = self.members[index]
        let initialCluster = self.members.map { "\($0.name)=\($0.peerURL)" }.joined(separator: ",")
        let process = try DaemonProcess("/usr/bin/etcd", [
            "--name", member.name, "--data-dir", member.dataDirectory,
            "--listen-client-urls", member.clientURL, "--advertise-client-urls", member.clientURL,
            "--listen-peer-urls", member.peerURL, "--initial-advertise-peer-urls", member.peerURL,
            "--initial-cluster", initialCluster, "--initial-cluster-state", "new",
            "--initial-cluster-token", self.token,
            "--heartbeat-interval", "50", "--election-timeout", "500",
        ] + (self.tls.map { tls in [
            "--cert-file", tls.certFile, "--key-file", tls.keyFile, "--client-cert-auth", "--trusted-ca-file", tls.caFile,
            "--peer-cert-file", tls.certFile, "--peer-key-file", tls.keyFile, "--peer-client-cert-auth",
            "--peer-trusted-ca-file", tls.caFile,
        ] } ?? []))
        self.processes.withLock { $0[index] = process }
    }

    /// Starts member `index` again and waits until it serves clients.
    public func restart(_ index: Int) async throws {
        try self.start(index)
        guard await self.process(index)?.waitForLog("ready to serve client requests", timeout: .seconds(30)) == true else {
            throw EtcdTestClusterError(message: "etcd \(self.members[index].name) did not restart:\n\(self.process(index)?.log ?? "")")
        }
    }

    /// Kills member `index` with SIGKILL and waits for it to exit.
    public func kill(_ index: Int) async {
        guard let process = self.process(index) else { return }
        process.send(SIGKILL)
        _ = await process.waitForExit(timeout: .seconds(10))
        self.processes.withLock { $0[index] = nil }
    }
}

struct EtcdTestClusterError: Error, CustomStringConvertible {
    let message: String
    var description: String { self.message }
}
