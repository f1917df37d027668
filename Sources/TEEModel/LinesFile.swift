import Foundation

/// Reads a file of one entry per line (`#` comments, blank lines skipped): an htpasswd-style users
/// file (`user:hash`), a list of secrets.
enum LinesFile {
    /// The entries of the file at `path`; `what` names it in the error.
    static func read(_ path: String, node: ConfigNode, what: String) throws(ConfigurationError) -> [String] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw node.error("cannot read \(what) '\(path)'; give a file the proxy's user can read")
        }
        return text.split(whereSeparator: \.isNewline).map { String($0.trimmingSpaces()) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}
