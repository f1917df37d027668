import Crypto
import Foundation
import NIOHTTP1
public import TEEModel

/// `digestAuth`: HTTP Digest authentication (RFC 7616 with MD5 and `qop=auth`, as htdigest files
/// and Traefik use). Nonces are signed with a key of this middleware and expire after five
/// minutes, so no table of them is kept.
public struct DigestAuthMiddleware: RequestMiddleware {
    public let configuration: DigestAuthConfiguration
    private let users: [String: DigestAuthConfiguration.User]
    /// The key nonces are signed with, made when the middleware is built.
    private let key = SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }

    /// How long a nonce stays valid.
    static let nonceLifetime: TimeInterval = 300

    public init(_ configuration: DigestAuthConfiguration) {
        self.configuration = configuration
        self.users = Dictionary(configuration.users.filter { $0.realm == configuration.realm }.map { ($0.name, $0) }) { first, _ in first }
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        guard let header = request.head.headers.first(name: "authorization"), header.lowercased().hasPrefix("digest "),
              let user = self.verify(Self.fields(of: String(header.dropFirst(7))), method: request.head.method.rawValue) else {
            return .respond(self.challenge(stale: false))
        }
        request.clientUsername = user
        if let field = self.configuration.headerField { request.head.headers.replaceOrAdd(name: field, value: user) }
        if self.configuration.removeHeader { request.head.headers.remove(name: "Authorization") }
        return .proceed
    }

    /// The user, when the response matches and the nonce is ours and fresh.
    private func verify(_ fields: [String: String], method: String) -> String? {
        guard let name = fields["username"], let user = self.users[name], fields["realm"] == self.configuration.realm,
              let nonce = fields["nonce"], self.isFresh(nonce), let uri = fields["uri"], let response = fields["response"] else { return nil }
        let ha2 = Self.md5("\(method):\(uri)")
        let expected: String
        if let qop = fields["qop"] {
            guard qop == "auth", let nc = fields["nc"], let cnonce = fields["cnonce"] else { return nil }
            expected = Self.md5("\(user.ha1):\(nonce):\(nc):\(cnonce):\(qop):\(ha2)")
        } else {
            expected = Self.md5("\(user.ha1):\(nonce):\(ha2)")
        }
        return expected.constantTimeEquals(response.lowercased()) ? name : nil
    }

    private func challenge(stale: Bool) -> SyntheticResponse {
        let time = String(Int(Date().timeIntervalSince1970))
        let nonce = "\(time).\(self.signature(time))"
        var headers = HTTPHeaders()
        headers.add(name: "WWW-Authenticate", value: "Digest realm=\"\(self.configuration.realm)\", nonce=\"\(nonce)\", "
            + "opaque=\"\(Self.md5(self.configuration.realm))\", algorithm=MD5, qop=\"auth\"")
        return SyntheticResponse(status: .unauthorized, headers: headers, body: "401 Unauthorized\n")
    }

    private func isFresh(_ nonce: String) -> Bool {
        let parts = nonce.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2, let time = TimeInterval(parts[0]), self.signature(parts[0]).constantTimeEquals(parts[1]) else {
            return false
        }
        let age = Date().timeIntervalSince1970 - time
        return age >= -5 && age <= Self.nonceLifetime
    }

    private func signature(_ text: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: self.key))).map { String(format: "%02x", $0) }.joined()
    }

    /// `name="value", name=value, …` → fields.
    public static func fields(of text: String) -> [String: String] {
        var fields: [String: String] = [:]
        var rest = Substring(text)
        while let equals = rest.firstIndex(of: "=") {
            let name = rest[..<equals].trimmingSpaces().lowercased()
            rest = rest[rest.index(after: equals)...].drop { $0 == " " }
            let value: Substring
            if rest.first == "\"" {
                let body = rest.dropFirst()
                let close = body.firstIndex(of: "\"") ?? body.endIndex
                value = body[..<close]
                rest = body[close...].dropFirst()
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                value = rest[..<end].trimmingSpaces()
                rest = rest[end...]
            }
            fields[String(name)] = String(value)
            rest = rest.drop { $0 == "," || $0 == " " }
        }
        return fields
    }

    public static func md5(_ text: String) -> String {
        Insecure.MD5.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
