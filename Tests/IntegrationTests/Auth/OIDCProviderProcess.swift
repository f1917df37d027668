import Foundation
import TEETesting

/// A real OpenID Connect provider (PyPI's oidc-provider-mock, built on Authlib) with registered
/// clients only, users alice (grp admin) and bob (grp staff), and tokens that live `tokenLifetime` seconds.
final class OIDCProviderProcess {
    struct ProviderError: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    let process: DaemonProcess
    var issuer: String { "http://127.0.0.1:\(self.port)" }

    init(tokenLifetime: Int = 3600) async throws {
        self.port = try FreePort.next()
        self.process = try DaemonProcess(OTLPCollector.python, [
            "-m", "oidc_provider_mock", "--port", "\(self.port)", "--require-registration", "true", "--token-max-age", "\(tokenLifetime)",
            "--user-claims", #"{"sub": "alice", "grp": "admin", "name": "Alice"}"#,
            "--user-claims", #"{"sub": "bob", "grp": "staff", "name": "Bob"}"#,
        ])
        guard await self.process.waitForLog("Uvicorn running on") || self.process.log.contains("Running on") else {
            throw ProviderError(description: "oidc-provider-mock did not start:\n\(self.process.log)")
        }
    }

    deinit {
        self.process.send(SIGKILL)
    }

    func stop() async {
        self.process.send(SIGKILL)
        _ = await self.process.waitForExit()
    }

    /// Registers a client that may be sent back to `redirectURI`; its ID and secret.
    func register(redirectURI: String) async throws -> (id: String, secret: String) {
        let answer = try await self.curl(["-X", "POST", "-H", "Content-Type: application/json",
                                          "-d", "{\"redirect_uris\": [\"\(redirectURI)\"]}", "\(self.issuer)/oauth2/clients"])
        let object = try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
        guard let id = object?["client_id"] as? String, let secret = object?["client_secret"] as? String else {
            throw ProviderError(description: "no client in \(answer.body)")
        }
        return (id, secret)
    }

    /// What a user does at the provider's login page: picks `subject` and is sent back; the `Location` it is sent to.
    func authorize(_ url: String, as subject: String) async throws -> String {
        let form = try await self.curl([url])
        guard form.status == 200, form.body.contains("name=\"sub\"") else { throw ProviderError(description: "no login form at \(url): \(form.body)") }
        let answer = try await self.curl(["-X", "POST", "-d", "sub=\(subject)", url])
        guard let location = answer.headers["location"] else { throw ProviderError(description: "no redirect after login: \(answer.body)") }
        return location
    }

    private func curl(_ arguments: [String]) async throws -> (status: Int, headers: [String: String], body: String) {
        let (status, output) = try await Curl.run(["-i"] + arguments)
        guard status == 0, let end = output.range(of: "\nversion=", options: .backwards) else {
            throw ProviderError(description: "curl \(arguments) failed: \(output)")
        }
        let response = String(output[..<end.lowerBound])
        let parts = response.components(separatedBy: "\r\n\r\n")
        let lines = parts[0].components(separatedBy: "\r\n")
        let code = Int(lines[0].split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return (code, headers, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}
