import Foundation

extension ConfigNode {
    /// A secret written under `key`, or read from the file named by `keyFile` (its trailing
    /// newline dropped), so that it can stay out of the configuration. Errors name the key but
    /// never the secret.
    public func secret(_ key: String) throws(ConfigurationError) -> String? {
        let inline = try self.child(key)
        let file = try self.child(key + "File")
        switch (inline, file) {
        case (let inline?, nil):
            return try inline.string()
        case (nil, let file?):
            let path = try file.string()
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw file.error("cannot read '\(path)'; give a file the proxy's user can read")
            }
            var secret = Substring(text)
            while secret.last?.isNewline == true { secret = secret.dropLast() }
            guard !secret.isEmpty else { throw file.error("'\(path)' is empty") }
            return String(secret)
        case (_?, let file?):
            throw file.error("give \(key) or \(key)File, not both")
        case (nil, nil):
            return nil
        }
    }

    /// A list of secrets under `key`, and/or one per line of the file named by `keyFile`.
    public func secretList(_ key: String) throws(ConfigurationError) -> [String] {
        var values = try self.child(key)?.stringList() ?? []
        if let file = try self.child(key + "File") {
            values += try LinesFile.read(try file.string(), node: file, what: "the file of \(key)")
        }
        return values
    }

    /// The keys of configuration values that hold secrets: the API shows them as `REDACTED`.
    static let secretKeys: Set<String> = [
        "signingSecret", "clientSecret", "bindPassword", "secretValues", "key", "password", "sessionSecret",
    ]
}
