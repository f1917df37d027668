import Foundation

/// A controller's files, as `teeadm init` and a controller's `teeadm join` write them: the PKI
/// (`pki/ca.pem`, `ca.key`, `node.pem`, `node.key`, `data.key`), the etcd member's
/// configuration and the controller's options.
struct ControllerFiles {
    let options: ClusterInit.Options

    var pki: String { "\(self.options.configDirectory)/pki" }
    var etcdConfiguration: String { "\(self.options.configDirectory)/etcd.conf.yml" }
    var etcdCommand: [String] { ["etcd", "--config-file", self.etcdConfiguration] }

    /// `tee-controller`'s options for this node.
    var controllerArguments: [String] {
        let options = self.options
        return [
            "--name", options.nodeName, "--etcd", "https://127.0.0.1:\(options.etcdClientPort)",
            "--ca-file", "\(self.pki)/ca.pem", "--cert-file", "\(self.pki)/node.pem", "--key-file", "\(self.pki)/node.key",
            "--data-key-file", "\(self.pki)/data.key", "--ca-key-file", "\(self.pki)/ca.key",
            "--api-address", "\(options.advertiseAddress):\(options.apiPort)",
            "--distribution-address", "0.0.0.0:\(options.distributionPort)",
            "--dynamic-directory", "\(options.configDirectory)/dynamic.d",
        ]
    }

    /// Writes everything; keys are readable by their owner only. Returns the files written.
    func write(caPEM: String, caKeyPEM: String, nodePEM: String, nodeKeyPEM: String, dataKey: [UInt8],
               initialCluster: String, clusterState: String) throws -> [String] {
        let options = self.options
        try FileManager.default.createDirectory(atPath: self.pki, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try FileManager.default.createDirectory(atPath: options.stateDirectory, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "\(options.configDirectory)/dynamic.d", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: (options.defaultsFile as NSString).deletingLastPathComponent,
                                                withIntermediateDirectories: true)
        var files: [String] = []
        func write(_ path: String, _ contents: String, private isPrivate: Bool) throws {
            guard FileManager.default.createFile(atPath: path, contents: Data(contents.utf8),
                                                 attributes: [.posixPermissions: isPrivate ? 0o600 : 0o644]) else {
                throw AdminError("cannot write \(path)")
            }
            files.append(path)
        }
        try write("\(self.pki)/ca.pem", caPEM, private: false)
        try write("\(self.pki)/ca.key", caKeyPEM, private: true)
        try write("\(self.pki)/node.pem", nodePEM, private: false)
        try write("\(self.pki)/node.key", nodeKeyPEM, private: true)
        try write("\(self.pki)/data.key", Data(dataKey).base64EncodedString() + "\n", private: true)
        let peerURL = "https://\(options.advertiseAddress):\(options.etcdPeerPort)"
        let clientURL = "https://127.0.0.1:\(options.etcdClientPort)"
        try write(self.etcdConfiguration, """
            # Written by teeadm: the etcd member of controller \(options.nodeName) (tee-etcd.service).
            name: \(options.nodeName)
            data-dir: \(options.stateDirectory)/etcd
            listen-client-urls: \(clientURL)
            advertise-client-urls: \(clientURL)
            listen-peer-urls: \(peerURL)
            initial-advertise-peer-urls: \(peerURL)
            initial-cluster: \(initialCluster)
            initial-cluster-state: \(clusterState)
            initial-cluster-token: \(options.clusterName)
            auto-compaction-mode: periodic
            auto-compaction-retention: "1h"
            quota-backend-bytes: 2147483648
            client-transport-security:
              cert-file: \(self.pki)/node.pem
              key-file: \(self.pki)/node.key
              client-cert-auth: true
              trusted-ca-file: \(self.pki)/ca.pem
            peer-transport-security:
              cert-file: \(self.pki)/node.pem
              key-file: \(self.pki)/node.key
              client-cert-auth: true
              trusted-ca-file: \(self.pki)/ca.pem

            """, private: false)
        try write(options.defaultsFile, """
            # Written by teeadm: the options of tee-controller.service.
            TEE_CONTROLLER_OPTIONS="\(self.controllerArguments.joined(separator: " "))"

            """, private: false)
        try ServiceUser().own([self.pki] + files.filter { $0.hasPrefix(self.pki + "/") })
        return files
    }
}
