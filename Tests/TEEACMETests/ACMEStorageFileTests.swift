import Foundation
import TEEACME
import TEEModel
import Testing

@Suite struct ACMEStorageFileTests {
    /// An acme.json as Traefik v3 writes it (shape from Traefik's `acme.LocalStore`).
    static let traefikFile = """
        {
          "le": {
            "Account": {
              "Email": "ops@example.com",
              "Registration": {
                "body": {"status": "valid", "contact": ["mailto:ops@example.com"]},
                "uri": "https://acme-v02.api.letsencrypt.org/acme/acct/123456"
              },
              "PrivateKey": "AAECAw==",
              "KeyType": "4096"
            },
            "Certificates": [
              {
                "domain": {"main": "example.com", "sans": ["www.example.com"]},
                "certificate": "\(Data("-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n".utf8).base64EncodedString())",
                "key": "\(Data("-----BEGIN PRIVATE KEY-----\nAA==\n-----END PRIVATE KEY-----\n".utf8).base64EncodedString())",
                "Store": "default"
              }
            ]
          },
          "other": {"Account": null, "Certificates": null}
        }
        """

    @Test func readsTraefiksFile() throws {
        let resolvers = try ACMEStorageFile.decode(Data(Self.traefikFile.utf8), file: "acme.json")
        let le = try #require(resolvers["le"])
        #expect(le.account?.email == "ops@example.com")
        #expect(le.account?.registrationURL == "https://acme-v02.api.letsencrypt.org/acme/acct/123456")
        #expect(le.account?.privateKeyDER == Data([0, 1, 2, 3]))
        #expect(le.account?.keyType == "4096")
        #expect(le.certificates.map(\.domain) == [CertificateDomain(main: "example.com", sans: ["www.example.com"])])
        #expect(le.certificates.first?.certificatePEM.hasPrefix("-----BEGIN CERTIFICATE-----") == true)
        #expect(resolvers["other"]?.account == nil)
        #expect(resolvers["other"]?.certificates.isEmpty == true)
    }

    @Test func writesWhatItReads() throws {
        let resolvers = try ACMEStorageFile.decode(Data(Self.traefikFile.utf8), file: "acme.json")
        let written = try ACMEStorageFile.encode(resolvers)
        let again = try ACMEStorageFile.decode(written, file: "acme.json")
        #expect(try ACMEStorageFile.encode(again) == written)
        #expect(again["le"]?.account?.registrationURL == resolvers["le"]?.account?.registrationURL)
        #expect(again["le"]?.certificates == resolvers["le"]?.certificates)
        // Traefik's field names, and the certificate and key as base64 of their PEM.
        let object = try #require(try JSONSerialization.jsonObject(with: try ACMEStorageFile.encode(resolvers)) as? [String: Any])
        let certificate = try #require(((object["le"] as? [String: Any])?["Certificates"] as? [[String: Any]])?.first)
        #expect(Set(certificate.keys) == ["domain", "certificate", "key", "Store"])
        let account = try #require((object["le"] as? [String: Any])?["Account"] as? [String: Any])
        #expect(Set(account.keys) == ["Email", "Registration", "PrivateKey", "KeyType"])
    }

    @Test func writeKeepsOtherResolversAndIsPrivate() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("acme-\(UUID().uuidString)").path
        let file = ACMEStorageFile(path: "\(directory)/acme.json")
        try file.write(ACMEStoredResolver(), as: "a")
        try file.write(ACMEStoredResolver(), as: "b")
        #expect(Set(try file.read().keys) == ["a", "b"])
        let mode = try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func refusesAFileOthersCanRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("acme-\(UUID().uuidString).json").path
        FileManager.default.createFile(atPath: path, contents: Data("{}".utf8), attributes: [.posixPermissions: 0o644])
        #expect {
            try ACMEStorageFile(path: path).read()
        } throws: { error in
            "\(error)".contains("permissions 644 for \(path) are too open") && "\(error)".contains("chmod 600")
        }
    }

    @Test func rejectsWhatIsNotJSON() throws {
        #expect(throws: ACMEProblem.self) { try ACMEStorageFile.decode(Data("not json".utf8), file: "x.json") }
        #expect(try ACMEStorageFile.decode(Data("  \n".utf8), file: "x.json").isEmpty)
    }
}
