import Crypto
import _CryptoExtras
public import Foundation
import TEEPKI

/// A backup: the etcd snapshot, the PKI (CA key included) and the data key in one file,
/// sealed with AES-256-GCM under a key from the passphrase (scrypt with a random salt) when
/// one is given. The first line says what the file is, the second (JSON) how it
/// is sealed; the rest is the payload.
public struct BackupArchive: Sendable {
    public var createdAt: Date
    public var clusterPin: String
    /// Files by their path under the configuration directory (`pki/ca.pem`, …).
    public var files: [String: [UInt8]]
    public var etcdSnapshot: [UInt8]

    static let magic = "TEE-BACKUP 1"

    public init(createdAt: Date, clusterPin: String, files: [String: [UInt8]], etcdSnapshot: [UInt8]) {
        self.createdAt = createdAt
        self.clusterPin = clusterPin
        self.files = files
        self.etcdSnapshot = etcdSnapshot
    }

    /// The archive's bytes.
    public func encoded(passphrase: String?) throws -> [UInt8] {
        let payload: [String: Any] = [
            "createdAt": self.createdAt.timeIntervalSince1970, "clusterPin": self.clusterPin,
            "files": self.files.mapValues { Data($0).base64EncodedString() }, "etcdSnapshot": Data(self.etcdSnapshot).base64EncodedString(),
        ]
        var body = Array(try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys]))
        var header: [String: Any] = ["encrypted": passphrase != nil, "createdAt": self.createdAt.timeIntervalSince1970,
                                     "clusterPin": self.clusterPin]
        if let passphrase {
            let salt = (0..<16).map { _ in UInt8.random(in: 0...255) }
            header["salt"] = Data(salt).base64EncodedString()
            body = Array(try Self.sealer(passphrase: passphrase, salt: salt).seal(body).utf8)
        }
        let headerLine = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        return Array("\(Self.magic)\n".utf8) + Array(headerLine) + [0x0A] + body
    }

    /// What the header says, without the passphrase: creation time, cluster, whether sealed.
    public static func header(of bytes: [UInt8]) throws(AdminError) -> (header: [String: Any], body: ArraySlice<UInt8>) {
        let lines = bytes.split(separator: 0x0A, maxSplits: 2, omittingEmptySubsequences: false)
        guard lines.count == 3, String(decoding: lines[0], as: UTF8.self) == Self.magic else {
            throw AdminError("not a tee backup (it does not start with \(Self.magic))")
        }
        guard let header = (try? JSONSerialization.jsonObject(with: Data(lines[1]))) as? [String: Any] else {
            throw AdminError("the backup's header is damaged")
        }
        return (header, lines[2])
    }

    /// Reads an archive; throws with what to do when it is sealed and the passphrase is missing or wrong.
    public static func decode(_ bytes: [UInt8], passphrase: String?) throws(AdminError) -> BackupArchive {
        let (header, body) = try Self.header(of: bytes)
        var payload = Array(body)
        if header["encrypted"] as? Bool == true {
            guard let passphrase else { throw AdminError("the backup is encrypted: give --passphrase-file") }
            guard let saltText = header["salt"] as? String, let salt = Data(base64Encoded: saltText),
                  let opened = try? Self.sealer(passphrase: passphrase, salt: Array(salt)).open(String(decoding: payload, as: UTF8.self)) else {
                throw AdminError("the passphrase does not open this backup (or the file was altered)")
            }
            payload = opened
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(payload))) as? [String: Any],
              let files = object["files"] as? [String: String], let snapshot = (object["etcdSnapshot"] as? String).flatMap({ Data(base64Encoded: $0) }) else {
            throw AdminError("the backup's contents are damaged")
        }
        return BackupArchive(createdAt: Date(timeIntervalSince1970: object["createdAt"] as? Double ?? 0), clusterPin: object["clusterPin"] as? String ?? "",
                             files: files.compactMapValues { Data(base64Encoded: $0).map(Array.init) }, etcdSnapshot: Array(snapshot))
    }

    /// scrypt (N = 2^15, r = 8, p = 1): slow enough that guessing passphrases is expensive.
    private static func sealer(passphrase: String, salt: [UInt8]) throws(AdminError) -> SecretSealer {
        do {
            let key = try KDF.Scrypt.deriveKey(from: Array(passphrase.utf8), salt: salt, outputByteCount: 32, rounds: 1 << 15,
                                               blockSize: 8, parallelism: 1)
            return SecretSealer(bytes: key.withUnsafeBytes { Array($0) })
        } catch {
            throw AdminError("cannot derive the backup key: \(error)")
        }
    }
}
