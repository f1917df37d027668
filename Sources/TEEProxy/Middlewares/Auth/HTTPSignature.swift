import Foundation
import NIOHTTP1
import TEEModel

/// The parameters of an `Authorization: Hmac …` (or `Proxy-Authorization`) header, after
/// draft-cavage-http-signatures-12, and the signing string they describe.
struct HTTPSignature: Sendable {
    let keyID: String
    let algorithm: String
    /// The covered headers, lower-cased, in order; `(created)` when the header names none.
    let headers: [String]
    let signature: Data
    let created: Int?
    let expires: Int?

    /// Nil when `value` is not an `Hmac` signature with a key ID and a base64 signature.
    init?(_ value: String) {
        guard let parameters = RequestCredential.afterScheme("Hmac", in: value) else { return nil }
        var fields: [String: String] = [:]
        var rest = Substring(parameters)
        while !rest.isEmpty {
            rest = rest.drop { $0 == " " || $0 == "," }
            guard let equals = rest.firstIndex(of: "=") else { break }
            let name = rest[..<equals].trimmingSpaces().lowercased()
            rest = rest[rest.index(after: equals)...]
            if rest.first == "\"" {
                rest = rest.dropFirst()
                guard let end = rest.firstIndex(of: "\"") else { return nil }
                fields[name] = String(rest[..<end])
                rest = rest[rest.index(after: end)...]
            } else {
                let end = rest.firstIndex(of: ",") ?? rest.endIndex
                fields[name] = String(rest[..<end].trimmingSpaces())
                rest = rest[end...]
            }
        }
        guard let keyID = fields["keyid"], let signatureText = fields["signature"], let signature = Data(base64Encoded: signatureText) else {
            return nil
        }
        self.keyID = keyID
        self.algorithm = (fields["algorithm"] ?? "hmac-sha256").lowercased()
        self.headers = (fields["headers"] ?? "(created)").lowercased().split(separator: " ").map(String.init)
        self.signature = signature
        self.created = fields["created"].flatMap { Int($0) }
        self.expires = fields["expires"].flatMap { Int($0) }
    }

    /// The string the client signed, or nil when a covered header or parameter is missing.
    func signingString(method: String, target: String, headers requestHeaders: HTTPHeaders) -> String? {
        var lines: [String] = []
        for name in self.headers {
            switch name {
            case "(request-target)":
                lines.append("(request-target): \(method.lowercased()) \(target)")
            case "(created)":
                guard let created = self.created else { return nil }
                lines.append("(created): \(created)")
            case "(expires)":
                guard let expires = self.expires else { return nil }
                lines.append("(expires): \(expires)")
            default:
                let values = requestHeaders[name]
                guard !values.isEmpty || name == "host" else { return nil }
                let joined = values.isEmpty ? "" : values.map { $0.trimmingSpaces() }.joined(separator: ", ")
                lines.append(joined.isEmpty ? "\(name):" : "\(name): \(joined)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
