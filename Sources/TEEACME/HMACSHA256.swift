import Crypto
import Foundation

/// HMAC-SHA256 over bytes, for external account binding.
enum HMACSHA256 {
    static func authenticate(_ data: Data, key: [UInt8]) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: data, using: SymmetricKey(data: key)))
    }
}
