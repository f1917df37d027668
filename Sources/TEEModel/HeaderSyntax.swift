/// What RFC 9110 allows in header names and values; configured headers are checked when the
/// configuration loads, so nothing configured can inject a header line.
public enum HeaderSyntax {
    /// A token: visible ASCII except separators.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.allSatisfy { byte in
            byte > 0x20 && byte < 0x7f && !"\"(),/:;<=>?@[\\]{}".utf8.contains(byte)
        }
    }

    /// Any text without CR, LF, NUL or other control characters (tabs are fine).
    public static func isValidValue(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7f) }
    }
}
