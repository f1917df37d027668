import CCrypt
import Crypto
import Foundation

/// A password hash from an htpasswd file: `$2y$`/`$2b$`/`$2a$` (bcrypt), `$apr1$` (Apache MD5),
/// `$1$` (MD5-crypt), `$5$`/`$6$` (SHA-crypt) or `{SHA}`.
struct PasswordHash: Sendable {
    private enum Scheme: Sendable {
        case md5Crypt(magic: String, salt: String, hash: String)
        case sha1(base64: String)
        /// Checked by libxcrypt's `crypt_rn` (bcrypt, SHA-crypt).
        case crypt(String)
    }

    /// Whether checking a password costs real time (bcrypt): worth remembering passwords that passed.
    var isSlow: Bool {
        if case .crypt = self.scheme { return true }
        return false
    }

    private let scheme: Scheme

    init(_ text: String, user: String) throws {
        if text.hasPrefix("{SHA}") {
            self.scheme = .sha1(base64: String(text.dropFirst(5)))
        } else if text.hasPrefix("$apr1$") || text.hasPrefix("$1$") {
            let magic = text.hasPrefix("$apr1$") ? "$apr1$" : "$1$"
            let parts = text.dropFirst(magic.count).split(separator: "$", maxSplits: 1)
            guard parts.count == 2 else { throw MiddlewareBuildError("the hash of user '\(user)' is malformed") }
            self.scheme = .md5Crypt(magic: magic, salt: String(parts[0]), hash: String(parts[1]))
        } else if ["$2a$", "$2b$", "$2y$", "$5$", "$6$"].contains(where: text.hasPrefix) {
            let complete = text.hasPrefix("$2") ? text.count == 60 : (text.split(separator: "$").last?.count ?? 0) >= 43
            guard complete, Self.crypt("", setting: text) != nil else {
                throw MiddlewareBuildError("the bcrypt or SHA-crypt hash of user '\(user)' is malformed; make it with htpasswd -nB USER")
            }
            self.scheme = .crypt(text)
        } else {
            throw MiddlewareBuildError("user '\(user)' has an unknown hash format; make entries with htpasswd -nm USER")
        }
    }

    func verify(_ password: String) -> Bool {
        switch self.scheme {
        case .sha1(let expected):
            let digest = Data(Insecure.SHA1.hash(data: Data(password.utf8))).base64EncodedString()
            return digest.constantTimeEquals(expected)
        case .md5Crypt(let magic, let salt, let expected):
            return Self.md5Crypt(password: password, salt: salt, magic: magic).constantTimeEquals(expected)
        case .crypt(let expected):
            guard let computed = Self.crypt(password, setting: expected) else { return false }
            return computed.constantTimeEquals(expected)
        }
    }

    /// `crypt_rn(3)`: the hash of `phrase` with the algorithm, cost and salt of `setting`; nil when the setting is invalid.
    static func crypt(_ phrase: String, setting: String) -> String? {
        let data = UnsafeMutableRawPointer.allocate(byteCount: MemoryLayout<crypt_data>.size, alignment: MemoryLayout<crypt_data>.alignment)
        defer { data.deallocate() }
        data.initializeMemory(as: UInt8.self, repeating: 0, count: MemoryLayout<crypt_data>.size)
        guard let result = crypt_rn(phrase, setting, data, Int32(MemoryLayout<crypt_data>.size)) else { return nil }
        let text = String(cString: result)
        return text.hasPrefix("*") ? nil : text
    }

    /// The MD5-crypt algorithm (FreeBSD `$1$`, Apache `$apr1$`): returns the 22-character hash part.
    static func md5Crypt(password: String, salt: String, magic: String) -> String {
        let pw = Array(password.utf8)
        let saltBytes = Array(salt.utf8.prefix(8))
        var context = Insecure.MD5()
        context.update(data: pw + Array(magic.utf8) + saltBytes)
        var final = Array(Insecure.MD5.hash(data: pw + saltBytes + pw))
        var length = pw.count
        while length > 0 {
            context.update(data: final.prefix(min(16, length)))
            length -= 16
        }
        var bits = pw.count
        while bits > 0 {
            context.update(data: bits & 1 == 1 ? [0] : [pw.first ?? 0])
            bits >>= 1
        }
        final = Array(context.finalize())
        for round in 0..<1000 {
            var next = Insecure.MD5()
            next.update(data: round & 1 == 1 ? pw : final)
            if round % 3 != 0 { next.update(data: saltBytes) }
            if round % 7 != 0 { next.update(data: pw) }
            next.update(data: round & 1 == 1 ? final : pw)
            final = Array(next.finalize())
        }
        let alphabet = Array("./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
        var output = ""
        func encode(_ value: UInt32, _ count: Int) {
            var value = value
            for _ in 0..<count {
                output.append(alphabet[Int(value & 0x3f)])
                value >>= 6
            }
        }
        for (a, b, c) in [(0, 6, 12), (1, 7, 13), (2, 8, 14), (3, 9, 15), (4, 10, 5)] {
            encode(UInt32(final[a]) << 16 | UInt32(final[b]) << 8 | UInt32(final[c]), 4)
        }
        encode(UInt32(final[11]), 2)
        return output
    }
}
