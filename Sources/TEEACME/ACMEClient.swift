import AsyncHTTPClient
import Crypto
public import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOSSL
import TEEModel

/// Speaks RFC 8555 to one CA for one account: signed requests with nonces, orders, challenges,
/// finalization and the certificate download.
public actor ACMEClient {
    /// A response's body and the headers the flow needs.
    struct Reply: Sendable {
        let status: Int
        let headers: HTTPHeaders
        let body: Data
        var location: String? { self.headers.first(name: "Location") }
    }

    private let directoryURL: String
    private let http: HTTPClient
    private let timeout: Duration
    private let key: ACMEAccountKey
    private var directory: ACMEDirectory?
    private var nonces: [String] = []
    /// The account URL (`kid`), once registered.
    public private(set) var accountURL: String?

    /// - Parameters:
    ///   - trustRoots: PEM files trusted for the CA's HTTPS (`caCertificates`), with or without the system's pool.
    public init(directoryURL: String, key: ACMEAccountKey, accountURL: String?, trustRoots: [String], systemPool: Bool,
                serverName: String?, timeout: Duration) throws {
        self.directoryURL = directoryURL
        self.key = key
        self.accountURL = accountURL
        self.timeout = timeout
        var tls = TLSConfiguration.makeClientConfiguration()
        if !trustRoots.isEmpty {
            let certificates = try trustRoots.flatMap { path in
                do {
                    return try NIOSSLCertificate.fromPEMFile(path)
                } catch {
                    throw ACMEProblem(type: "tee:caCertificates", detail: "caCertificates: cannot load \(path) (\(error)); give PEM files of the CA server's HTTPS roots")
                }
            }
            tls.trustRoots = systemPool ? .default : .certificates(certificates)
            if systemPool { tls.additionalTrustRoots = [.certificates(certificates)] }
        }
        _ = serverName  // NIOSSL checks the URL's host; caServerName is accepted for Traefik files.
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: .init(tlsConfiguration: tls))
    }

    public func shutdown() async {
        try? await self.http.shutdown()
    }

    public var thumbprint: String { self.key.thumbprint }

    /// Registers the account (or finds the one this key already has), agreeing to the terms.
    /// Returns the account URL and the account object as the CA sent it.
    public func register(email: String, eabKeyID: String?, eabHMAC: [UInt8]?) async throws -> (url: String, body: Data) {
        let directory = try await self.loadDirectory()
        var payload = "{\"termsOfServiceAgreed\":true"
        if !email.isEmpty { payload += ",\"contact\":[\"mailto:\(email)\"]" }
        if let eabKeyID, let eabHMAC {
            payload += ",\"externalAccountBinding\":" + Self.externalAccountBinding(jwk: self.key.jwkJSON, keyID: eabKeyID,
                                                                                    hmac: eabHMAC, url: directory.newAccount)
        }
        payload += "}"
        let reply = try await self.post(directory.newAccount, payload: Data(payload.utf8), useJWK: true)
        guard let url = reply.location else {
            throw ACMEProblem(type: "tee:noAccountURL", detail: "the CA created the account without a Location", status: reply.status)
        }
        self.accountURL = url
        return (url, reply.body)
    }

    /// Places an order for `names` and returns its URL and contents.
    func newOrder(_ names: [String]) async throws -> (url: String, order: ACMEOrder) {
        let directory = try await self.loadDirectory()
        let identifiers = names.map { "{\"type\":\"dns\",\"value\":\"\($0)\"}" }.joined(separator: ",")
        let reply = try await self.post(directory.newOrder, payload: Data("{\"identifiers\":[\(identifiers)]}".utf8))
        guard let url = reply.location else { throw ACMEProblem(type: "tee:noOrderURL", detail: "the CA answered an order without a Location") }
        return (url, try Self.decode(ACMEOrder.self, reply))
    }

    func order(_ url: String) async throws -> ACMEOrder {
        try Self.decode(ACMEOrder.self, try await self.post(url, payload: nil))
    }

    func authorization(_ url: String) async throws -> ACMEAuthorization {
        try Self.decode(ACMEAuthorization.self, try await self.post(url, payload: nil))
    }

    /// Tells the CA the challenge is ready to be validated.
    func respond(to challengeURL: String) async throws {
        _ = try await self.post(challengeURL, payload: Data("{}".utf8))
    }

    func finalize(_ url: String, csrDER: [UInt8]) async throws -> ACMEOrder {
        try Self.decode(ACMEOrder.self, try await self.post(url, payload: Data("{\"csr\":\"\(Base64URL.encode(csrDER))\"}".utf8)))
    }

    /// The certificate chain (PEM) at `url`; with `preferredChain`, the alternate chain whose last
    /// certificate is issued by a root of that common name, when the CA offers one.
    func certificateChain(_ url: String, preferredChain: String?) async throws -> String {
        let reply = try await self.post(url, payload: nil, accept: "application/pem-certificate-chain")
        let pem = String(decoding: reply.body, as: UTF8.self)
        guard let preferredChain, !preferredChain.isEmpty, !CertificateChainNames.topIssuer(pem).contains(preferredChain) else { return pem }
        for alternate in Self.alternateLinks(reply.headers) {
            let other = try await self.post(alternate, payload: nil, accept: "application/pem-certificate-chain")
            let text = String(decoding: other.body, as: UTF8.self)
            if CertificateChainNames.topIssuer(text).contains(preferredChain) { return text }
        }
        return pem
    }

    // MARK: - Signed requests

    private func loadDirectory() async throws -> ACMEDirectory {
        if let directory = self.directory { return directory }
        var request = HTTPClientRequest(url: self.directoryURL)
        request.method = .GET
        let reply = try await self.send(request)
        guard reply.status == 200 else {
            throw ACMEProblem(type: "tee:directory", detail: "\(self.directoryURL) answered HTTP \(reply.status), not the CA's directory", status: reply.status)
        }
        let directory = try Self.decode(ACMEDirectory.self, reply)
        self.directory = directory
        return directory
    }

    private func nonce() async throws -> String {
        if let nonce = self.nonces.popLast() { return nonce }
        var request = HTTPClientRequest(url: try await self.loadDirectory().newNonce)
        request.method = .HEAD
        let reply = try await self.send(request)
        // `send` kept the nonce for later; it is used now, and only once.
        guard let nonce = self.nonces.popLast() else {
            throw ACMEProblem(type: "tee:noNonce", detail: "the CA gave no Replay-Nonce", status: reply.status)
        }
        return nonce
    }

    /// A JWS-signed POST (a POST-as-GET when `payload` is nil), retried once on `badNonce`.
    private func post(_ url: String, payload: Data?, useJWK: Bool = false, accept: String? = nil) async throws -> Reply {
        var attempt = 0
        while true {
            attempt += 1
            var protected = "{\"alg\":\"\(self.key.algorithm)\",\"nonce\":\"\(try await self.nonce())\",\"url\":\"\(url)\""
            if !useJWK, let accountURL = self.accountURL {
                protected += ",\"kid\":\"\(accountURL)\"}"
            } else {
                protected += ",\"jwk\":\(self.key.jwkJSON)}"
            }
            let protected64 = Base64URL.encode(Data(protected.utf8))
            let payload64 = payload.map { Base64URL.encode($0) } ?? ""
            let signature = try self.key.sign(Data("\(protected64).\(payload64)".utf8))
            let body = "{\"protected\":\"\(protected64)\",\"payload\":\"\(payload64)\",\"signature\":\"\(Base64URL.encode(signature))\"}"
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/jose+json")
            if let accept { request.headers.add(name: "Accept", value: accept) }
            request.body = .bytes(ByteBuffer(string: body))
            let reply = try await self.send(request)
            if reply.status < 400 { return reply }
            let problem = Self.problem(reply)
            if problem.isBadNonce, attempt < 3 { continue }
            throw problem
        }
    }

    private func send(_ request: HTTPClientRequest) async throws -> Reply {
        let response: HTTPClientResponse
        do {
            response = try await self.http.execute(request, timeout: .nanoseconds(Int64(self.timeout.components.seconds) * 1_000_000_000))
        } catch {
            throw ACMEProblem(type: "tee:unreachable", detail: "cannot reach the CA at \(request.url): \(error)")
        }
        if let nonce = response.headers.first(name: "Replay-Nonce") { self.nonces.append(nonce) }
        let body = try await response.body.collect(upTo: 4 << 20)
        return Reply(status: Int(response.status.code), headers: response.headers, body: Data(buffer: body))
    }

    private static func problem(_ reply: Reply) -> ACMEProblem {
        let document = try? JSONDecoder().decode(ACMEProblemDocument.self, from: reply.body)
        return ACMEProblem(type: document?.type ?? "tee:http", detail: document?.text ?? String(decoding: reply.body.prefix(300), as: UTF8.self),
                           status: reply.status, retryAfter: reply.headers.first(name: "Retry-After").flatMap { Int($0) })
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ reply: Reply) throws -> T {
        do {
            return try JSONDecoder().decode(type, from: reply.body)
        } catch {
            throw ACMEProblem(type: "tee:malformed", detail: "the CA's answer is not a valid \(type): \(error)", status: reply.status)
        }
    }

    private static func alternateLinks(_ headers: HTTPHeaders) -> [String] {
        headers["Link"].flatMap { $0.split(separator: ",") }.compactMap { link in
            guard link.contains("rel=\"alternate\""), let open = link.firstIndex(of: "<"), let close = link.firstIndex(of: ">") else { return nil }
            return String(link[link.index(after: open)..<close])
        }
    }

    /// RFC 8555 §7.3.4: the account's JWK signed with the CA-issued HMAC key.
    static func externalAccountBinding(jwk: String, keyID: String, hmac: [UInt8], url: String) -> String {
        let protected64 = Base64URL.encode(Data("{\"alg\":\"HS256\",\"kid\":\"\(keyID)\",\"url\":\"\(url)\"}".utf8))
        let payload64 = Base64URL.encode(Data(jwk.utf8))
        let signature = Array(HMAC<SHA256>.authenticationCode(for: Data("\(protected64).\(payload64)".utf8), using: SymmetricKey(data: hmac)))
        return "{\"protected\":\"\(protected64)\",\"payload\":\"\(payload64)\",\"signature\":\"\(Base64URL.encode(signature))\"}"
    }
}
