import Crypto
import Foundation

/// The cluster's data key: AES-256-GCM for secrets at rest in etcd (TLS private keys). Every
/// controller has the same 32 bytes in a file (`/etc/tee/pki/data.key`, written by teeadm init
/// and copied at controller join), as base64 or raw.
public struct DataKey: Sendable {
    /// The 32 bytes (kept as bytes: Crypto's key type is not Sendable).
    private let bytes: [UInt8]
    private var key: SymmetricKey { SymmetricKey(data: self.bytes) }

    public init(contentsOf path: String) throws(DataKeyError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DataKeyError("\(path): cannot read the data key; teeadm init writes it (32 random bytes, base64)")
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        if let decoded = Data(base64Encoded: text), decoded.count == 32 {
            self.bytes = Array(decoded)
        } else if data.count == 32 {
            self.bytes = Array(data)
        } else {
            throw DataKeyError("\(path): a data key is 32 bytes (raw or base64); this file has \(data.count) bytes")
        }
    }

    init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Seals `plaintext`; the result (nonce, ciphertext and tag, base64) is what the store keeps.
    func seal(_ plaintext: [UInt8]) throws -> String {
        try AES.GCM.seal(plaintext, using: self.key).combined!.base64EncodedString()
    }

    /// Opens what ``seal(_:)`` made; throws when it was sealed with another key or altered.
    func open(_ sealed: String) throws -> [UInt8] {
        guard let data = Data(base64Encoded: sealed) else { throw DataKeyError("a sealed value is not base64") }
        return Array(try AES.GCM.open(AES.GCM.SealedBox(combined: data), using: self.key))
    }
}

/// A data key that cannot be read or used.
public struct DataKeyError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
