import Crypto
import Foundation
import NIOHTTP1
public import TEEModel

/// `plugin.hmac`: requests must carry an HTTP signature (`Authorization` or
/// `Proxy-Authorization: Hmac keyId=…,algorithm=…,headers=…,signature=…,created=…,expires=…`)
/// made with one of `keys`, covering at least `enforcedHeaders`, created in the past and not
/// expired. Anything else gets 401 with `WWW-Authenticate: Hmac headers="…"`.
public struct HMACMiddleware: RequestMiddleware {
    private let configuration: HMACConfiguration

    public init(_ configuration: HMACConfiguration) {
        self.configuration = configuration
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        self.verify(request, now: Int(Date().timeIntervalSince1970)) ? .proceed : self.challenge
    }

    private var challenge: MiddlewareOutcome {
        AuthAnswer.unauthorized(challenge: "Hmac headers=\"\(self.configuration.enforcedHeaders.joined(separator: " "))\"")
    }

    func verify(_ request: ProxyRequest, now: Int) -> Bool {
        let headers = request.head.headers
        guard let value = headers.first(name: "authorization") ?? headers.first(name: "proxy-authorization"),
              let signature = HTTPSignature(value), let key = self.configuration.keys[signature.keyID],
              self.configuration.enforcedHeaders.allSatisfy(signature.headers.contains) else { return false }
        if let created = signature.created, created > now { return false }
        if let expires = signature.expires, expires < now { return false }
        if self.configuration.validateDigest, Self.hasBody(headers) {
            // The body's digest must be signed; tee cannot read the body here, so such requests are refused.
            return false
        }
        guard let text = signature.signingString(method: request.head.method.rawValue, target: request.head.uri, headers: headers),
              let expected = Self.mac(Data(text.utf8), key: key, algorithm: signature.algorithm) else { return false }
        return expected.count == signature.signature.count && zip(expected, signature.signature).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func hasBody(_ headers: HTTPHeaders) -> Bool {
        if headers.contains(name: "transfer-encoding") { return true }
        return (headers.first(name: "content-length").flatMap(Int.init) ?? 0) > 0
    }

    static func mac(_ data: Data, key: [UInt8], algorithm: String) -> Data? {
        let key = SymmetricKey(data: key)
        switch algorithm {
        case "hmac-sha1": return Data(HMAC<Insecure.SHA1>.authenticationCode(for: data, using: key))
        case "hmac-sha256": return Data(HMAC<SHA256>.authenticationCode(for: data, using: key))
        case "hmac-sha384": return Data(HMAC<SHA384>.authenticationCode(for: data, using: key))
        case "hmac-sha512": return Data(HMAC<SHA512>.authenticationCode(for: data, using: key))
        default: return nil
        }
    }
}
