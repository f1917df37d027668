import Crypto
import Foundation
import NIOHTTP1
public import TEEModel

/// `plugin.hmac`: requests must carry an HTTP signature (`Authorization` or
/// `Proxy-Authorization: Hmac keyId=…,algorithm=…,headers=…,signature=…,created=…,expires=…`)
/// made with one of `keys`, covering at least `enforcedHeaders`, created in the past and not
/// expired. Anything else gets 401 with `WWW-Authenticate: Hmac headers="…"`. With
/// `validateDigest`, a request with a body must also sign its `Digest` header (SHA-256 or
/// SHA-512), and the proxy holds the body (up to 10 MiB, else 413) and checks it before anything
/// goes to the server.
public struct HMACMiddleware: RequestMiddleware {
    private let configuration: HMACConfiguration

    public init(_ configuration: HMACConfiguration) {
        self.configuration = configuration
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        guard self.verify(request, now: Int(Date().timeIntervalSince1970)) else { return self.challenge }
        if self.configuration.validateDigest, request.head.announcesBody {
            // The signature covers the Digest header (verify checked); the body is held and checked against it.
            guard let digest = request.head.headers.first(name: "digest").flatMap(RequestBodyDigest.init(header:)) else { return self.challenge }
            // Hold the whole body (a response is not held for it: streamed as it comes).
            var held = request.buffering ?? BufferingConfiguration(memResponseBodyBytes: 0)
            let limit = held.maxRequestBodyBytes == 0 ? RequestBodyDigest.maximumBytes : min(held.maxRequestBodyBytes, RequestBodyDigest.maximumBytes)
            held.maxRequestBodyBytes = limit
            held.memRequestBodyBytes = limit
            request.buffering = held
            request.bodyDigest = digest
        }
        return .proceed
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
        // validateDigest: a body's Digest header must be signed (the body itself is checked once held).
        if self.configuration.validateDigest, request.head.announcesBody, !signature.headers.contains("digest") { return false }
        guard let text = signature.signingString(method: request.head.method.rawValue, target: request.head.uri, headers: headers),
              let expected = Self.mac(Data(text.utf8), key: key, algorithm: signature.algorithm) else { return false }
        return expected.constantTimeEquals(signature.signature)
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
