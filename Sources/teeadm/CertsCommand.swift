import ArgumentParser
import Foundation
import TEEAdmin

/// `teeadm certs`: the node's own certificates (the cluster CA and this node's).
struct CertsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "certs",
        abstract: "Check and renew this node's certificates.",
        subcommands: [CheckExpiration.self, Renew.self]
    )

    struct CheckExpiration: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-expiration",
            abstract: "List this node's certificates (and, on a controller, the stored ones) with their expiry; exit 1 if one expires soon."
        )
        @Option(help: "Where the node's certificates are.") var configDir: String = "/etc/tee"
        @Option(help: "Days of notice: exit 1 when a certificate expires within them.") var warnWithin: Int = 30
        @Flag(help: "Also list the certificates stored in the cluster (needs a controller's API).") var stored = false
        @OptionGroup var output: OutputOption
        @OptionGroup var connection: ControllerOption

        func run() async throws {
            var entries = CertificateExpiry.local(configDirectory: self.configDir)
            if self.stored {
                let answer = try await self.connection.client.send(.GET, "/api/v1/certificates")
                guard answer.status == 200 else { throw AdminError(answer.errorMessage) }
                entries += CertificateExpiry.stored(answer.body)
            }
            guard !entries.isEmpty else { throw AdminError("no certificates under \(self.configDir)/pki; is this node part of a cluster?") }
            if self.output.json {
                let objects = entries.map { ["name": $0.name, "kind": $0.kind, "expires": ISO8601DateFormatter().string(from: $0.expires)] }
                print(String(decoding: try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys]), as: UTF8.self))
            } else {
                var rows = [["CERTIFICATE", "KIND", "EXPIRES", "RESIDUAL"]]
                for entry in entries {
                    rows.append([entry.name, entry.kind, ISO8601DateFormatter().string(from: entry.expires), entry.residual])
                }
                print(Table(rows: rows).text)
            }
            if entries.contains(where: { $0.expires.timeIntervalSinceNow < Double(self.warnWithin) * 86400 }) {
                FileHandle.standardError.write(Data("warning: a certificate expires within \(self.warnWithin) days\n".utf8))
                throw ExitCode(1)
            }
        }
    }

    struct Renew: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Renew this node's certificate (a new key, one more year), without downtime.",
            discussion: """
                A controller signs with its CA key; another node asks a controller (--controller), \
                presenting its current certificate. The files are replaced atomically: new connections \
                use the new certificate, open ones carry on. Restart tee-controller and tee-etcd on a \
                controller (one at a time) for their listeners to serve it.
                """
        )
        @Option(help: "Where the node's certificates are.") var configDir: String = "/etc/tee"
        @Option(help: "A controller's API address (HOST:PORT), for a node without the CA key.") var controller: String?

        func run() async throws {
            let expires = try await CertificateRenewal(configDirectory: self.configDir, controller: self.controller).run()
            print("Renewed \(self.configDir)/pki/node.pem; it expires \(ISO8601DateFormatter().string(from: expires)).")
        }
    }
}
