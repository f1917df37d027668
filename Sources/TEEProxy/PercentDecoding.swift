/// Decodes `%XX` escapes and `+` (as in query strings).
enum PercentDecoding {
    static func decode(_ text: Substring) -> String {
        guard text.contains(where: { $0 == "%" || $0 == "+" }) else { return String(text) }
        var bytes: [UInt8] = []
        var iterator = Array(text.utf8).makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"):
                bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next(), let low = iterator.next(),
                      let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else {
                    bytes.append(byte)
                    continue
                }
                bytes.append(value)
            default:
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The characters RFC 3986 reserves, and `%`: their escapes keep their meaning and stay escaped.
    private static let reserved: Set<UInt8> = Set(":/?#[]@!$&'()*+,;=%".utf8)

    /// The path routing rules see, as Traefik's: escapes of characters that are not reserved are
    /// decoded (`/foo%20bar` → `/foo bar`, `/%61pi` → `/api`), reserved ones kept (`%2F`).
    /// Nil when an escape is malformed (`%zz`, a `%` at the end): Traefik answers such a path with 400.
    static func routingPath(_ path: String) -> String? {
        Self.decodeEscapes(in: path) { Self.reserved.contains($0) }
    }

    /// Every escape decoded (Go's `URL.Path`); nil when an escape is malformed.
    static func fullyDecodedPath(_ path: String) -> String? {
        Self.decodeEscapes(in: path) { _ in false }
    }

    /// `path` with its `%XX` escapes decoded, but for those of the bytes `kept` says stay escaped.
    private static func decodeEscapes(in path: String, keeping kept: (UInt8) -> Bool) -> String? {
        guard path.utf8.contains(UInt8(ascii: "%")) else { return path }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(path.utf8.count)
        var iterator = path.utf8.makeIterator()
        while let byte = iterator.next() {
            guard byte == UInt8(ascii: "%") else {
                bytes.append(byte)
                continue
            }
            guard let high = iterator.next(), let low = iterator.next(),
                  let value = UInt8(String(decoding: [high, low], as: UTF8.self), radix: 16) else { return nil }
            if kept(value) {
                bytes += [byte, high, low]
            } else {
                bytes.append(value)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Escapes what may not stand in a path as written (Go's path escaping): all but letters,
    /// digits, `-._~` and `/!$&'()*+,;=:@`.
    static func escapePath(_ path: String) -> String {
        let allowed = Set("-._~/!$&'()*+,;=:@".utf8)
        var result = ""
        for byte in path.utf8 {
            let isAlphanumeric = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a)
            if isAlphanumeric || allowed.contains(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                result += "%" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2)
            }
        }
        return result
    }

    /// Whether a path has a `.` or `..` segment, written plainly or escaped (`%2e`), which the
    /// server behind would resolve out of the prefix a middleware took away.
    static func hasDotSegments(_ path: String) -> Bool {
        let decoded = Self.fullyDecodedPath(path) ?? path
        return decoded.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == "." || $0 == ".." }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - self.count)) + self
    }
}
