import ArgumentParser
import Foundation
import TEEACME
import TEEAdmin

/// `teeadm cert`: TLS certificates the cluster keeps and every proxy serves.
struct CertCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cert",
        abstract: "Import, list and remove the TLS certificates every proxy serves.",
        subcommands: [Import.self, List.self, Remove.self, ACME.self]
    )

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store a certificate and its key in the cluster.",
            discussion: "The key must belong to the certificate and the chain must be in order; the key is sealed with the cluster's data key."
        )
        @Option(help: "The certificate chain (PEM), leaf first.") var cert: String
        @Option(help: "The private key (PEM).") var key: String
        @Option(help: "The name to store it under (default: the certificate file's name).") var name: String?
        @Flag(help: "Serve it when no other certificate matches the server name.") var `default` = false
        @OptionGroup var connection: ControllerOption

        func run() async throws {
            guard let certificate = try? String(contentsOfFile: self.cert, encoding: .utf8) else { throw AdminError("\(self.cert): cannot read it") }
            guard let key = try? String(contentsOfFile: self.key, encoding: .utf8) else { throw AdminError("\(self.key): cannot read it") }
            let name = self.name ?? ((self.cert as NSString).lastPathComponent as NSString).deletingPathExtension
            let body = try JSONSerialization.data(withJSONObject: ["certificate": certificate, "key": key, "default": self.default] as [String: Any])
            let answer = try await self.connection.client.send(.PUT, "/api/v1/certificates/\(name)", body: String(decoding: body, as: UTF8.self),
                                                               headers: ["Content-Type": "application/json"])
            guard answer.status == 200 else { throw AdminError(answer.errorMessage) }
            print("Stored certificate \(name); every proxy serves it once the next snapshot is applied.")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List stored certificates: names, expiry, the routers that use them, issuer.")
        @OptionGroup var output: OutputOption
        @OptionGroup var connection: ControllerOption

        func run() async throws {
            let answer = try await self.connection.client.send(.GET, "/api/v1/certificates")
            guard answer.status == 200 else { throw AdminError(answer.errorMessage) }
            if self.output.json { return print(answer.body) }
            let object = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
            var rows = [["NAME", "NAMES", "EXPIRES", "DEFAULT", "ROUTERS", "ISSUER"]]
            for certificate in object?["certificates"] as? [[String: Any]] ?? [] {
                let expires = Date(timeIntervalSince1970: certificate["notAfter"] as? Double ?? 0)
                rows.append([certificate["name"] as? String ?? "", (certificate["names"] as? [String] ?? []).joined(separator: ","),
                             ISO8601DateFormatter().string(from: expires), (certificate["default"] as? Bool ?? false) ? "yes" : "",
                             (certificate["routers"] as? [String] ?? []).joined(separator: ","), certificate["issuer"] as? String ?? ""])
            }
            print(Table(rows: rows).text)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a stored certificate.")
        @Argument(help: "The certificate's name (see cert list).") var name: String
        @OptionGroup var connection: ControllerOption

        func run() async throws {
            let answer = try await self.connection.client.send(.DELETE, "/api/v1/certificates/\(self.name)")
            guard answer.status == 200 else { throw AdminError(answer.errorMessage) }
            print("Removed certificate \(self.name).")
        }
    }

    struct ACME: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "acme",
            abstract: "List the certificates obtained by ACME: resolver, names, expiry, and why an order failed.",
            discussion: "In a cluster the leader's last report is shown; with --storage, the certificates of an acme.json file (tee-proxy's or Traefik's) are read directly."
        )
        @Option(help: "Read this acme.json instead of asking a controller.") var storage: String?
        @OptionGroup var output: OutputOption
        @OptionGroup var connection: ControllerOption

        func run() async throws {
            let reports: [ACMECertificateReport]
            if let storage = self.storage {
                do {
                    reports = try ACMECertificateReport.reports(inStorage: storage)
                } catch {
                    throw AdminError("\(storage): \(error)")
                }
            } else {
                let answer = try await self.connection.client.send(.GET, "/api/v1/acme")
                guard answer.status == 200 else { throw AdminError(answer.errorMessage) }
                struct Body: Decodable { let certificates: [ACMECertificateReport] }
                do {
                    reports = try ACMECertificateReport.decoder.decode(Body.self, from: Data(answer.body.utf8)).certificates
                } catch {
                    throw AdminError("the controller's ACME report is not readable: \(error)")
                }
            }
            if self.output.json {
                return print(String(decoding: try ACMECertificateReport.encoder.encode(reports), as: UTF8.self))
            }
            var rows = [["RESOLVER", "NAMES", "EXPIRES", "STATUS"]]
            for report in reports {
                let status = report.lastError.map { error in
                    "failed: \(error)" + (report.retryAt.map { "; retry at \(ISO8601DateFormatter().string(from: $0))" } ?? "")
                } ?? (report.notAfter == nil ? "ordering" : "valid")
                rows.append([report.resolver, report.names.joined(separator: ","),
                             report.notAfter.map { ISO8601DateFormatter().string(from: $0) } ?? "-", status])
            }
            print(Table(rows: rows).text)
        }
    }
}
