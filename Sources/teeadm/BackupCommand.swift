import ArgumentParser
import Foundation
import TEEAdmin
import TEEPKI

/// `teeadm backup`: the cluster in one file, and back.
struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Back the cluster up (etcd snapshot, PKI, data key) and restore it.",
        subcommands: [Create.self, Inspect.self, Restore.self]
    )

    static func passphrase(_ file: String?) throws -> String? {
        guard let file else { return nil }
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else { throw AdminError("\(file): cannot read the passphrase file") }
        let passphrase = text.trimmingCharacters(in: .newlines)
        guard passphrase.count >= 8 else { throw AdminError("\(file): use a passphrase of at least 8 characters") }
        return passphrase
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a backup: the etcd snapshot, the PKI and the data key (run it on a controller).",
            discussion: "Encrypted (scrypt and AES-256-GCM) with --passphrase-file; without one the file holds the CA key in the clear, so keep it safe."
        )
        @Option(name: .shortAndLong, help: "The backup file to write.") var output: String
        @Option(help: "A file holding the passphrase that encrypts the backup.") var passphraseFile: String?
        @Option(help: "Where this controller's certificates are.") var configDir: String = "/etc/tee"
        @OptionGroup var connection: ControllerOption

        func run() async throws {
            let passphrase = try BackupCommand.passphrase(self.passphraseFile)
            var files: [String: [UInt8]] = [:]
            for name in ["ca.pem", "ca.key", "data.key", "node.pem", "node.key"] {
                guard let data = FileManager.default.contents(atPath: "\(self.configDir)/pki/\(name)") else {
                    throw AdminError("\(self.configDir)/pki/\(name) is missing: run backup create on a controller")
                }
                files["pki/\(name)"] = Array(data)
            }
            let progress = isatty(STDOUT_FILENO) == 1
            if progress { print("[backup] taking the etcd snapshot…") }
            let answer = try await self.connection.client.sendForBytes("/api/v1/backup/etcd-snapshot")
            if progress { print("[backup] snapshot: \(answer.count) bytes; sealing…") }
            let pin = ClusterCA.pin(of: try ClusterCA(certificatePEM: String(decoding: files["pki/ca.pem"]!, as: UTF8.self),
                                                     keyPEM: String(decoding: files["pki/ca.key"]!, as: UTF8.self)).certificate)
            let archive = BackupArchive(createdAt: Date(), clusterPin: pin, files: files, etcdSnapshot: answer)
            let bytes = try archive.encoded(passphrase: passphrase)
            guard FileManager.default.createFile(atPath: self.output, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
                throw AdminError("cannot write \(self.output)")
            }
            print("Backup written to \(self.output) (\(bytes.count) bytes\(passphrase == nil ? ", not encrypted" : ", encrypted")).")
        }
    }

    struct Inspect: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show what a backup holds.")
        @Argument(help: "The backup file.") var file: String
        @Option(help: "The passphrase file, to check it opens the backup and list its contents.") var passphraseFile: String?
        @OptionGroup var output: OutputOption

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: self.file) else { throw AdminError("\(self.file): cannot read it") }
            let (header, _) = try BackupArchive.header(of: Array(data))
            let encrypted = header["encrypted"] as? Bool ?? false
            var lines = ["created:   \(ISO8601DateFormatter().string(from: Date(timeIntervalSince1970: header["createdAt"] as? Double ?? 0)))",
                         "cluster:   \(header["clusterPin"] as? String ?? "?")", "encrypted: \(encrypted ? "yes" : "no")"]
            if !encrypted || self.passphraseFile != nil {
                let archive = try BackupArchive.decode(Array(data), passphrase: try BackupCommand.passphrase(self.passphraseFile))
                lines.append("etcd:      \(archive.etcdSnapshot.count) bytes")
                lines.append("files:     \(archive.files.keys.sorted().joined(separator: ", "))")
            }
            print(lines.joined(separator: "\n"))
        }
    }

    struct Restore: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recreate a one-controller cluster from a backup on a fresh node.",
            discussion: "Same CA, data, configuration and certificates; a new etcd cluster ID. The other nodes rejoin with teeadm join."
        )
        @Argument(help: "The backup file.") var file: String
        @Option(help: "The passphrase file, for an encrypted backup.") var passphraseFile: String?
        @Option(help: "This node's name (default: the host name).") var name: String?
        @Option(help: "The address other nodes reach this one on.") var advertiseAddress: String = "127.0.0.1"
        @Option(help: "Where configuration and certificates go.") var configDir: String = "/etc/tee"
        @Option(help: "Where state (etcd's data) goes.") var stateDir: String = "/var/lib/tee"
        @Option(help: "The file tee-controller.service reads its options from.") var defaultsFile: String = "/etc/default/tee-controller"
        @Option(help: "etcd's client port (on loopback).") var etcdClientPort = 2479
        @Option(help: "etcd's peer port.") var etcdPeerPort = 2480
        @Option(help: "The API's port.") var apiPort = 7440
        @Option(help: "The snapshot stream's port.") var distributionPort = 7441
        @Flag(help: "Overwrite existing etcd data.") var force = false
        @Flag(help: "Start nothing; print the commands to run instead.") var noSystemd = false

        func run() async throws {
            guard let data = FileManager.default.contents(atPath: self.file) else { throw AdminError("\(self.file): cannot read it") }
            let archive = try BackupArchive.decode(Array(data), passphrase: try BackupCommand.passphrase(self.passphraseFile))
            var options = ClusterInit.Options(nodeName: self.name ?? HostName.short, advertiseAddress: self.advertiseAddress)
            options.configDirectory = self.configDir
            options.stateDirectory = self.stateDir
            options.defaultsFile = self.defaultsFile
            options.etcdClientPort = self.etcdClientPort
            options.etcdPeerPort = self.etcdPeerPort
            options.apiPort = self.apiPort
            options.distributionPort = self.distributionPort
            options.force = self.force
            let commands = try BackupRestore(archive: archive, options: options).run()
            print("[restore] the cluster's data, CA and data key are back; this node has a new certificate from the same CA")
            if self.noSystemd {
                print("Nothing was started (--no-systemd). Start the store and the controller:\n")
                print("  \(commands.etcdCommand.joined(separator: " "))")
                print("  tee-controller \(commands.controllerArguments.joined(separator: " "))\n")
            } else {
                try Systemctl.enableAndRestart(["tee-etcd.service", "tee-controller.service"])
            }
            print("Restored. The other nodes rejoin with teeadm join (the CA hash is unchanged: \(archive.clusterPin)).")
        }
    }
}
