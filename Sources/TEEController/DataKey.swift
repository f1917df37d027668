import Foundation
import TEEPKI

/// The cluster's data key: AES-256-GCM for secrets at rest in etcd (TLS private keys). Every
/// controller has the same 32 bytes in a file (`/etc/tee/pki/data.key`, written by teeadm init
/// and copied at controller join), as base64 or raw.
public struct DataKey: Sendable {
    /// The 32 bytes (kept as bytes: Crypto's key type is not Sendable).
    private let bytes: [UInt8]

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

    /// The key's bytes, to hand to a joining controller (sealed).
    var rawBytes: [UInt8] { self.bytes }

    /// Seals `plaintext`; the result (nonce, ciphertext and tag, base64) is what the store keeps.
    public func seal(_ plaintext: [UInt8]) throws -> String {
        try SecretSealer(bytes: self.bytes).seal(plaintext)
    }

    /// Opens what ``seal(_:)`` made; throws when it was sealed with another key or altered.
    public func open(_ sealed: String) throws -> [UInt8] {
        try SecretSealer(bytes: self.bytes).open(sealed)
    }
}

/// A data key that cannot be read or used.
public struct DataKeyError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
