import Crypto
import Foundation

/// SHA-256 of text, as bytes.
enum SHA256Digest {
    static func of(_ text: String) -> [UInt8] {
        Array(SHA256.hash(data: Data(text.utf8)))
    }
}
