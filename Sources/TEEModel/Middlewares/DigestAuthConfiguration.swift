/// `digestAuth`: HTTP Digest authentication against htdigest entries (`user:realm:md5`).
public struct DigestAuthConfiguration: Sendable, Equatable {
    /// One htdigest entry.
    public struct User: Sendable, Equatable {
        public var name: String
        public var realm: String
        /// Hex MD5 of `user:realm:password`.
        public var ha1: String
    }

    public var users: [User]
    public var realm: String
    public var headerField: String?
    public var removeHeader: Bool

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["users", "usersFile", "realm", "headerField", "removeHeader"])
        var entries = try body.child("users")?.stringList() ?? []
        if let file = try body.child("usersFile") { entries += try LinesFile.read(try file.string(), node: file, what: "users file") }
        guard !entries.isEmpty else { throw body.error("digestAuth needs users or usersFile") }
        let users = try entries.map { (entry) throws(ConfigurationError) -> User in
            let parts = entry.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count == 3, parts[2].count == 32, parts[2].allSatisfy(\.isHexDigit) else {
                throw body.error("'\(entry)' is not user:realm:md5; make entries with htdigest")
            }
            return User(name: parts[0], realm: parts[1], ha1: parts[2].lowercased())
        }
        return Self(users: users, realm: try body.child("realm")?.string() ?? "traefik",
                    headerField: try body.child("headerField")?.string(), removeHeader: try body.child("removeHeader")?.bool() ?? false)
    }
}
