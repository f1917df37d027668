import TEEModel

/// The checks Go's `url.Parse` makes of a URL, for a redirection target that must be one.
enum URLSyntax {
    /// Whether `url` parses: no control characters or spaces, a well-formed scheme, a numeric
    /// port, a host of host characters, and well-formed `%` escapes before the query.
    static func isValid(_ url: String) -> Bool {
        guard !url.isEmpty, !url.utf8.contains(where: { $0 < 0x20 || $0 == 0x7f || $0 == UInt8(ascii: " ") }) else { return false }
        var rest = Substring(url)
        if let colon = rest.firstIndex(of: ":"), !rest[..<colon].contains(where: { $0 == "/" || $0 == "?" || $0 == "#" }) {
            let scheme = rest[..<colon]
            // ":foo" has no scheme; Go refuses it.
            guard let first = scheme.first, first.isASCII, first.isLetter,
                  scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" || $0 == ".") }) else {
                return false
            }
            rest = rest[rest.index(after: colon)...]
        }
        if rest.hasPrefix("//") {
            rest = rest.dropFirst(2)
            let end = rest.firstIndex { $0 == "/" || $0 == "?" || $0 == "#" } ?? rest.endIndex
            var authority = rest[..<end]
            rest = rest[end...]
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            let host = HostPattern.hostWithoutPort(String(authority))
            let port = authority.dropFirst(host.count)
            if !port.isEmpty {
                guard port.first == ":", port.dropFirst().allSatisfy({ $0.isASCII && $0.isNumber }) else { return false }
            }
            let hostCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=[]:%")
            guard host.allSatisfy({ hostCharacters.contains($0) || !$0.isASCII }) else { return false }
        }
        let beforeQuery = rest.prefix { $0 != "?" && $0 != "#" }
        return PercentDecoding.fullyDecodedPath(String(beforeQuery)) != nil
    }
}
