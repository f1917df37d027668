import Foundation
import TEEPKI

/// `teeadm backup restore`: a one-controller cluster from a backup, on a fresh node, with the
/// same CA, data key, configuration and certificates. The etcd snapshot becomes a new data
/// directory (`etcdctl snapshot restore`, a new cluster ID); this node gets a new certificate
/// from the restored CA for its own address. Other nodes rejoin with teeadm join.
public struct BackupRestore: Sendable {
    public let archive: BackupArchive
    public let options: ClusterInit.Options

    public init(archive: BackupArchive, options: ClusterInit.Options) {
        self.archive = archive
        self.options = options
    }

    /// Writes the node's files and the restored etcd data; returns the commands that start it.
    public func run(etcdctl: String = "/usr/bin/etcdctl") throws(AdminError) -> (etcdCommand: [String], controllerArguments: [String]) {
        let options = self.options
        let dataDirectory = "\(options.stateDirectory)/etcd"
        if let contents = try? FileManager.default.contentsOfDirectory(atPath: dataDirectory), !contents.isEmpty, !options.force {
            throw AdminError("\(dataDirectory) holds etcd data: restore on a fresh node (teeadm reset first), or --force")
        }
        guard let caPEM = self.archive.files["pki/ca.pem"], let caKey = self.archive.files["pki/ca.key"],
              let dataKey = self.archive.files["pki/data.key"] else {
            throw AdminError("the backup lacks the CA or the data key")
        }
        let ca: ClusterCA
        let node: NodeCredentials
        do {
            ca = try ClusterCA(certificatePEM: String(decoding: caPEM, as: UTF8.self), keyPEM: String(decoding: caKey, as: UTF8.self))
            node = try NodeCredentials.issue(by: ca, commonName: options.nodeName,
                                             names: Array(Set([options.nodeName, options.advertiseAddress, "127.0.0.1", "localhost"])).sorted())
        } catch {
            throw AdminError("the backup's CA cannot sign: \(error)")
        }
        let dataKeyText = String(decoding: dataKey, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let dataKeyBytes = Data(base64Encoded: dataKeyText), dataKeyBytes.count == 32 else {
            throw AdminError("the backup's data key is damaged")
        }
        let peerURL = "https://\(options.advertiseAddress):\(options.etcdPeerPort)"
        let files = ControllerFiles(options: options)
        do {
            try? FileManager.default.removeItem(atPath: dataDirectory)
            try FileManager.default.createDirectory(atPath: options.stateDirectory, withIntermediateDirectories: true)
            let snapshot = "\(options.stateDirectory)/restore.snapshot"
            guard FileManager.default.createFile(atPath: snapshot, contents: Data(self.archive.etcdSnapshot), attributes: [.posixPermissions: 0o600]) else {
                throw AdminError("cannot write \(snapshot)")
            }
            defer { try? FileManager.default.removeItem(atPath: snapshot) }
            let restore = Process()
            restore.executableURL = URL(fileURLWithPath: etcdctl)
            restore.arguments = ["snapshot", "restore", snapshot, "--name", options.nodeName, "--data-dir", dataDirectory,
                                 "--initial-cluster", "\(options.nodeName)=\(peerURL)", "--initial-advertise-peer-urls", peerURL,
                                 "--initial-cluster-token", options.clusterName, "--skip-hash-check"]
            restore.environment = ["ETCDCTL_API": "3"]
            let output = Pipe()
            restore.standardOutput = output
            restore.standardError = output
            try restore.run()
            let log = output.fileHandleForReading.readDataToEndOfFile()
            restore.waitUntilExit()
            guard restore.terminationStatus == 0 else {
                throw AdminError("etcdctl snapshot restore failed (install etcd-client if it is missing):\n\(String(decoding: log, as: UTF8.self))")
            }
            _ = try files.write(caPEM: ca.certificatePEM, caKeyPEM: ca.keyPEM, nodePEM: node.certificatePEM, nodeKeyPEM: node.keyPEM,
                                dataKey: Array(dataKeyBytes), initialCluster: "\(options.nodeName)=\(peerURL)", clusterState: "new")
        } catch let error as AdminError {
            throw error
        } catch {
            throw AdminError("cannot restore: \(error)")
        }
        return (files.etcdCommand, files.controllerArguments)
    }
}
