import Foundation
import NIOCore
import NIOPosix
public import TEEPKI

/// `teeadm init`: the first controller's files. Preflight checks first; then the cluster CA,
/// this node's certificate, the data key, the etcd member's configuration and the
/// controller's options. Nothing is written unless every check passes.
public struct ClusterInit: Sendable {
    public struct Options: Sendable {
        public var clusterName = "tee"
        public var nodeName: String
        /// The address other nodes reach this one on (peers, API, snapshot stream).
        public var advertiseAddress: String
        public var configDirectory = "/etc/tee"
        public var stateDirectory = "/var/lib/tee"
        /// Where the controller's options go (`EnvironmentFile=` of tee-controller.service).
        public var defaultsFile = "/etc/default/tee-controller"
        public var etcdClientPort = 2479
        public var etcdPeerPort = 2480
        public var apiPort = 7440
        public var distributionPort = 7441
        public var force = false

        public init(nodeName: String, advertiseAddress: String) {
            self.nodeName = nodeName
            self.advertiseAddress = advertiseAddress
        }
    }

    public let options: Options

    public init(options: Options) {
        self.options = options
    }

    /// What init made, for the summary it prints.
    public struct Result: Sendable {
        public var caPin: String
        public var etcdCommand: [String]
        public var controllerArguments: [String]
        public var files: [String]
    }

    /// Every reason init cannot go ahead; empty when it can.
    public func preflight(etcdBinary: String = "/usr/bin/etcd") async -> [String] {
        let options = self.options
        var problems: [String] = []
        if getuid() != 0 { problems.append("run teeadm init as root (sudo teeadm init …): it writes \(options.configDirectory) and starts services") }
        if !FileManager.default.isExecutableFile(atPath: etcdBinary) {
            problems.append("\(etcdBinary) is missing: install the etcd-server package (apt install etcd-server)")
        }
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        if !(2024...2100).contains(year) {
            problems.append("the clock says \(year): set the time (timedatectl set-ntp true) before making certificates")
        }
        if !options.force {
            let ca = "\(options.configDirectory)/pki/ca.pem"
            if FileManager.default.fileExists(atPath: ca) {
                problems.append("\(ca) exists: this node is already set up (teeadm reset to start over, or --force to overwrite)")
            }
            let data = "\(options.stateDirectory)/etcd"
            if let contents = try? FileManager.default.contentsOfDirectory(atPath: data), !contents.isEmpty {
                problems.append("\(data) holds etcd data: teeadm reset to start over, or --force")
            }
        }
        for (host, port, what) in [("127.0.0.1", options.etcdClientPort, "etcd clients"), (options.advertiseAddress, options.etcdPeerPort, "etcd peers"),
                                   (options.advertiseAddress, options.apiPort, "the API"), ("0.0.0.0", options.distributionPort, "the snapshot stream")] {
            if !(await Self.portIsFree(host: host, port: port)) {
                problems.append("\(host):\(port) (\(what)) is in use: stop what listens there (ss -ltnp 'sport = :\(port)') or choose another port")
            }
        }
        return problems
    }

    /// Writes the PKI, the data key and the configuration files; returns what to run.
    public func writeFiles() throws -> Result {
        let options = self.options
        let ca = try ClusterCA.create(clusterName: options.clusterName)
        let node = try NodeCredentials.issue(by: ca, commonName: options.nodeName,
                                             names: Array(Set([options.nodeName, options.advertiseAddress, "127.0.0.1", "localhost"])).sorted())
        var dataKey = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in dataKey.indices { dataKey[index] = UInt8.random(in: 0...255, using: &generator) }
        let peerURL = "https://\(options.advertiseAddress):\(options.etcdPeerPort)"
        let files = ControllerFiles(options: options)
        let written = try files.write(caPEM: ca.certificatePEM, caKeyPEM: ca.keyPEM, nodePEM: node.certificatePEM, nodeKeyPEM: node.keyPEM,
                                      dataKey: dataKey, initialCluster: "\(options.nodeName)=\(peerURL)", clusterState: "new")
        return Result(caPin: ca.pin, etcdCommand: files.etcdCommand, controllerArguments: files.controllerArguments, files: written)
    }

    /// Whether nothing listens on `host:port` (binding it succeeds).
    static func portIsFree(host: String, port: Int) async -> Bool {
        do {
            let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .bind(host: host, port: port).get()
            try? await channel.close()
            return true
        } catch {
            return false
        }
    }
}
