/// One matcher of the rule language.
public enum RuleMatcher: Sendable {
    case host(HostPattern)
    case hostRegexp(CompiledRegex)
    case path(String)
    case pathPrefix(String)
    case pathRegexp(CompiledRegex)
    case method(String)
    case header(name: String, value: String)
    case headerRegexp(name: String, CompiledRegex)
    /// The key with this value among its values (`""` for `?key` or `?key=`).
    case query(key: String, value: String)
    case queryRegexp(key: String, CompiledRegex)
    case clientIP(IPNetwork)
    /// TCP: the server name of the TLS ClientHello; nil (`HostSNI(`*`)`) matches every connection.
    case hostSNI(HostPattern?)
    case hostSNIRegexp(CompiledRegex)
    /// TCP: a protocol the client offers by ALPN.
    case alpn(String)
    /// Provider constraints: a label (or tag) with this value.
    case label(key: String, value: String)
    /// Provider constraints: a label whose value matches.
    case labelRegex(key: String, CompiledRegex)

    /// A matcher whose name or arguments are wrong.
    public struct InvalidMatcher: Error, CustomStringConvertible {
        public let description: String
    }

    /// The matchers Traefik v3 defines for HTTP routers.
    public static let names = ["Host", "HostRegexp", "Path", "PathPrefix", "PathRegexp", "Method", "Header",
                               "HeaderRegexp", "Query", "QueryRegexp", "ClientIP"]
    /// The matchers of TCP routers.
    public static let tcpNames = ["HostSNI", "HostSNIRegexp", "ClientIP", "ALPN"]
    /// The matchers of providers' `constraints` (Docker labels).
    public static let constraintNames = ["Label", "LabelRegex"]

    /// Builds a matcher from its name and arguments, validating both.
    ///
    /// Names are case-insensitive (`PATHPREFIX`); an empty argument is an error for every
    /// matcher, as Traefik's rule checker has it.
    public init(name written: String, arguments: [String], language: RuleLanguage = .http) throws {
        let allowed = switch language {
        case .http: Self.names
        case .tcp: Self.tcpNames
        case .constraints: Self.constraintNames
        }
        guard let name = allowed.first(where: { $0.lowercased() == written.lowercased() }) else {
            let kind = switch language {
            case .http: ""
            case .tcp: "TCP "
            case .constraints: "constraint "
            }
            throw InvalidMatcher(description: "unknown \(kind)matcher '\(written)'; \(kind)matchers are \(allowed.joined(separator: ", "))")
        }
        if arguments.contains(where: \.isEmpty) {
            throw InvalidMatcher(description: "\(name) has an empty argument; give every argument a value, such as \(name)(`...`)")
        }
        func ascii(_ text: String) throws -> String {
            guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
                throw InvalidMatcher(description: "\(name) allows ASCII characters only, got '\(text)'; write international names in punycode (xn--...)")
            }
            return text
        }
        func require(_ count: ClosedRange<Int>) throws {
            guard count.contains(arguments.count) else {
                let expected = count.lowerBound == count.upperBound ? "\(count.lowerBound)" : "\(count.lowerBound) or \(count.upperBound)"
                throw InvalidMatcher(description: "\(name) takes \(expected) argument\(count.upperBound == 1 ? "" : "s"), got \(arguments.count)")
            }
        }
        func path(_ text: String) throws -> String {
            guard text.hasPrefix("/") else { throw InvalidMatcher(description: "\(name) needs a path starting with /, got '\(text)'") }
            return text
        }
        switch name {
        case "Host":
            try require(1...1)
            let host = try ascii(arguments[0])
            let hostCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._*:[]")
            guard host.allSatisfy(hostCharacters.contains) else {
                throw InvalidMatcher(description: "Host: '\(host)' is not a host name; write a name such as example.com (paths go in Path or PathPrefix)")
            }
            self = .host(HostPattern(host))
        case "HostRegexp":
            try require(1...1)
            // Go's regexp is case-sensitive; the host it sees is lower-cased, as Traefik's canonical host is.
            self = .hostRegexp(try CompiledRegex(try ascii(arguments[0])))
        case "Path":
            try require(1...1)
            self = .path(try path(arguments[0]))
        case "PathPrefix":
            try require(1...1)
            self = .pathPrefix(try path(arguments[0]))
        case "PathRegexp":
            try require(1...1)
            self = .pathRegexp(try CompiledRegex(arguments[0]))
        case "Method":
            try require(1...1)
            self = .method(arguments[0].uppercased())
        case "Header":
            try require(2...2)
            self = .header(name: arguments[0], value: arguments[1])
        case "HeaderRegexp":
            try require(2...2)
            self = .headerRegexp(name: arguments[0], try CompiledRegex(arguments[1]))
        case "Query":
            try require(1...2)
            // Query(`k`) is the key with an empty value (`?k` or `?k=`), as in Traefik.
            self = .query(key: arguments[0], value: arguments.count == 2 ? arguments[1] : "")
        case "QueryRegexp":
            try require(1...2)
            self = arguments.count == 2 ? .queryRegexp(key: arguments[0], try CompiledRegex(arguments[1])) : .query(key: arguments[0], value: "")
        case "HostSNI":
            try require(1...1)
            self = .hostSNI(arguments[0] == "*" ? nil : HostPattern(arguments[0]))
        case "HostSNIRegexp":
            try require(1...1)
            self = .hostSNIRegexp(try CompiledRegex(arguments[0], ignoringCase: true))
        case "ALPN":
            try require(1...1)
            self = .alpn(arguments[0])
        case "Label":
            try require(2...2)
            self = .label(key: arguments[0], value: arguments[1])
        case "LabelRegex":
            try require(2...2)
            self = .labelRegex(key: arguments[0], try CompiledRegex(arguments[1]))
        case "ClientIP":
            try require(1...1)
            guard let network = IPNetwork(arguments[0]) else {
                throw InvalidMatcher(description: "ClientIP needs an IP address or CIDR range, got '\(arguments[0])'")
            }
            self = .clientIP(network)
        default:
            throw InvalidMatcher(description: "unknown matcher '\(written)'")
        }
    }

    /// Whether the request satisfies the matcher.
    public func matches(_ request: some RoutableRequest) -> Bool {
        switch self {
        case .host(let pattern): pattern.matches(request.host)
        case .hostRegexp(let regex): regex.matches(request.host)
        case .path(let path): request.routingPath == path
        case .pathPrefix(let prefix): request.routingPath.hasPrefix(prefix)
        case .pathRegexp(let regex): regex.matches(request.routingPath)
        case .method(let method): request.method == method
        case .header(let name, let value): request.headerValues(name).contains(value)
        case .headerRegexp(let name, let regex): request.headerValues(name).contains { regex.matches($0) }
        case .query(let key, let value): request.queryValues(key).contains(value)
        case .queryRegexp(let key, let regex): request.queryValues(key).contains { regex.matches($0) }
        case .clientIP(let network): request.clientAddress.map(network.contains) ?? false
        case .hostSNI(let pattern): pattern.map { $0.matches(request.host) } ?? true
        case .hostSNIRegexp(let regex): regex.matches(request.host)
        case .alpn(let proto): request.alpnProtocols.contains(proto)
        case .label, .labelRegex: false
        }
    }
}

extension RuleMatcher {
    /// Whether a provider's object with these labels satisfies the constraint matcher (other matchers never do).
    public func matches(labels: [String: String]) -> Bool {
        switch self {
        case .label(let key, let value): labels[key] == value
        case .labelRegex(let key, let regex): labels[key].map(regex.matchesWhole) ?? false
        default: false
        }
    }
}
