import Foundation

/// Reads an htpasswd-style users file (`user:hash` per line, `#` comments).
enum UsersFile {
    static func read(_ path: String, node: ConfigNode) throws(ConfigurationError) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw node.error("cannot read users file '\(path)'")
        }
        return text.split(whereSeparator: \.isNewline).map { String($0.trimmingSpaces()) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}
