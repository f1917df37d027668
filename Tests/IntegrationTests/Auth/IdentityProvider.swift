import Foundation
import TEETesting
import Testing

/// A real OAuth 2.0 / JOSE identity provider process (`identity_provider.py`, built on Authlib
/// and joserfc): a client credentials token endpoint, token introspection, a JWK set, and a
/// signer of test tokens with each algorithm.
final class IdentityProvider {
    struct ProviderError: Error, CustomStringConvertible {
        let description: String
    }

    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("identity_provider.py").path
    /// The HMAC secret its HS* tokens are signed with.
    static let hmacSecret = "a-shared-secret-long-enough-for-hs512-which-needs-64-bytes-of-key"

    let port: Int
    /// Holds rsa.pem, ec.pem, ed.pem (public keys) and jwks.json.
    let directory: String
    let process: DaemonProcess
    var url: String { "http://127.0.0.1:\(self.port)" }

    init() async throws {
        self.port = try FreePort.next()
        self.directory = try TemporaryDirectory.make(prefix: "idp")
        self.process = try DaemonProcess(OTLPCollector.python, [Self.script, "\(self.port)", self.directory, Self.hmacSecret])
        guard await self.process.waitForLog("Running on") else {
            throw ProviderError(description: "the identity provider did not start:\n\(self.process.log)")
        }
    }

    deinit {
        self.process.send(SIGKILL)
    }

    /// Stops the provider (to see what the proxy does without it).
    func stop() async {
        self.process.send(SIGKILL)
        _ = await self.process.waitForExit()
    }

    /// A token signed with the provider's key for `alg`, carrying `claims` (JSON).
    func mint(_ alg: String, _ claims: String, kid: String? = nil, noKid: Bool = false) async throws -> String {
        var body = "{\"alg\": \"\(alg)\", \"claims\": \(claims)"
        if let kid { body += ", \"kid\": \"\(kid)\"" }
        if noKid { body += ", \"noKid\": true" }
        return try await self.call(["-X", "POST", "-H", "Content-Type: application/json", "-d", body + "}", "\(self.url)/mint"])
    }

    /// An access token from the token endpoint for the client.
    func accessToken(client: String, secret: String) async throws -> String {
        let answer = try await self.call(["-u", "\(client):\(secret)", "-d", "grant_type=client_credentials", "\(self.url)/oauth/token"])
        let object = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Any]
        guard let token = object?["access_token"] as? String else { throw ProviderError(description: "no token in \(answer)") }
        return token
    }

    /// How many times each endpoint (`jwks`, `token`, `introspect`) was asked.
    func count(_ endpoint: String) async throws -> Int {
        let answer = try await self.call(["\(self.url)/stats"])
        let object = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [String: Int]
        return object?[endpoint] ?? -1
    }

    /// Sets the JWK set's `Cache-Control: max-age`.
    func setMaxAge(_ seconds: Int) async throws {
        _ = try await self.call(["-X", "POST", "-H", "Content-Type: application/json", "-d", "{\"maxAge\": \(seconds)}", "\(self.url)/config"])
    }

    private func call(_ arguments: [String]) async throws -> String {
        let (status, output) = try await Curl.run(["--fail-with-body"] + arguments)
        guard status == 0, let end = output.range(of: "\nversion=", options: .backwards) else {
            throw ProviderError(description: "curl \(arguments) failed (\(status)): \(output)")
        }
        return String(output[..<end.lowerBound])
    }
}
