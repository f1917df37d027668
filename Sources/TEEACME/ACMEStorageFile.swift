public import Foundation
import TEEModel

/// Traefik's acme.json: resolver name → `Account` (Email, Registration {body, uri}, PrivateKey as
/// base64 PKCS#1 DER, KeyType) and `Certificates` (domain {main, sans}, certificate and key as
/// base64 PEM, Store). tee reads files Traefik wrote and writes files Traefik reads; like Traefik it
/// refuses a file others can read (mode 600).
public struct ACMEStorageFile: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    /// Every resolver in the file; empty when the file does not exist or is empty.
    public func read() throws -> [String: ACMEStoredResolver] {
        guard FileManager.default.fileExists(atPath: self.path) else { return [:] }
        let attributes = try FileManager.default.attributesOfItem(atPath: self.path)
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw ACMEProblem(type: "tee:storage", detail: "permissions \(String(mode, radix: 8)) for \(self.path) are too open, please use 600 (chmod 600 \(self.path))")
        }
        guard let data = FileManager.default.contents(atPath: self.path) else {
            throw ACMEProblem(type: "tee:storage", detail: "cannot read \(self.path)")
        }
        return try Self.decode(data, file: self.path)
    }

    /// Writes the resolver's entry, keeping the file's other resolvers; written whole to a new file
    /// (mode 600) and renamed over the old one, so a crash never leaves half a file.
    public func write(_ resolver: ACMEStoredResolver, as name: String) throws {
        var all = try self.read()
        all[name] = resolver
        let data = try Self.encode(all)
        let directory = (self.path as NSString).deletingLastPathComponent
        if !directory.isEmpty { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }
        let temporary = self.path + ".tmp-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw ACMEProblem(type: "tee:storage", detail: "cannot write \(temporary)")
        }
        guard rename(temporary, self.path) == 0 else {
            unlink(temporary)
            throw ACMEProblem(type: "tee:storage", detail: "cannot replace \(self.path): \(String(cString: strerror(errno)))")
        }
    }

    public static func decode(_ data: Data, file: String) throws -> [String: ACMEStoredResolver] {
        if data.allSatisfy({ $0 == 0x20 || $0 == 0x0a || $0 == 0x0d || $0 == 0x09 }) { return [:] }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ACMEProblem(type: "tee:storage", detail: "\(file) is not JSON in acme.json's shape; move it aside to start afresh")
        }
        var result: [String: ACMEStoredResolver] = [:]
        for (name, value) in root {
            guard let entry = value as? [String: Any] else { continue }
            var resolver = ACMEStoredResolver()
            if let account = entry["Account"] as? [String: Any], let key = (account["PrivateKey"] as? String).flatMap({ Data(base64Encoded: $0) }) {
                let registration = account["Registration"] as? [String: Any]
                resolver.account = ACMEStoredResolver.Account(
                    email: account["Email"] as? String ?? "",
                    registrationURL: registration?["uri"] as? String,
                    registrationBody: (registration?["body"]).flatMap { try? JSONSerialization.data(withJSONObject: $0) },
                    privateKeyDER: key,
                    keyType: account["KeyType"] as? String ?? "4096")
            }
            for item in entry["Certificates"] as? [[String: Any]] ?? [] {
                guard let domain = item["domain"] as? [String: Any],
                      let certificate = (item["certificate"] as? String).flatMap({ Data(base64Encoded: $0) }),
                      let key = (item["key"] as? String).flatMap({ Data(base64Encoded: $0) }) else { continue }
                let main = domain["main"] as? String ?? ""
                resolver.certificates.append(IssuedCertificate(
                    domain: CertificateDomain(main: main, sans: domain["sans"] as? [String] ?? []),
                    certificatePEM: String(decoding: certificate, as: UTF8.self), keyPEM: String(decoding: key, as: UTF8.self)))
            }
            result[name] = resolver
        }
        return result
    }

    public static func encode(_ resolvers: [String: ACMEStoredResolver]) throws -> Data {
        var root: [String: Any] = [:]
        for (name, resolver) in resolvers {
            var entry: [String: Any] = [:]
            if let account = resolver.account {
                var registration: [String: Any] = [:]
                if let url = account.registrationURL { registration["uri"] = url }
                registration["body"] = account.registrationBody.flatMap { try? JSONSerialization.jsonObject(with: $0) } ?? [String: Any]()
                entry["Account"] = [
                    "Email": account.email,
                    "Registration": registration,
                    "PrivateKey": account.privateKeyDER.base64EncodedString(),
                    "KeyType": account.keyType,
                ] as [String: Any]
            } else {
                entry["Account"] = NSNull()
            }
            entry["Certificates"] = resolver.certificates.map { certificate -> [String: Any] in
                var domain: [String: Any] = ["main": certificate.domain.main]
                if !certificate.domain.sans.isEmpty { domain["sans"] = certificate.domain.sans }
                return [
                    "domain": domain,
                    "certificate": Data(certificate.certificatePEM.utf8).base64EncodedString(),
                    "key": Data(certificate.keyPEM.utf8).base64EncodedString(),
                    "Store": "default",
                ]
            }
            root[name] = entry
        }
        return try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
