/// The CA's directory (RFC 8555 §7.1.1).
struct ACMEDirectory: Decodable, Sendable {
    let newNonce: String
    let newAccount: String
    let newOrder: String
}

/// An order (RFC 8555 §7.1.3).
struct ACMEOrder: Decodable, Sendable {
    let status: String
    let authorizations: [String]
    let finalize: String
    let certificate: String?
    let error: ACMEProblemDocument?
}

/// An authorization and its challenges (RFC 8555 §7.1.4).
struct ACMEAuthorization: Decodable, Sendable {
    struct Identifier: Decodable, Sendable {
        let type: String
        let value: String
    }
    struct Challenge: Decodable, Sendable {
        let type: String
        let url: String
        let token: String?
        let status: String
        let error: ACMEProblemDocument?
    }
    let status: String
    let identifier: Identifier
    let challenges: [Challenge]
    let wildcard: Bool?
}

/// A problem document as the CA sends it.
struct ACMEProblemDocument: Decodable, Sendable {
    let type: String?
    let detail: String?
    let subproblems: [ACMEProblemDocument]?

    /// The detail with the subproblems' details, which name the failing identifier.
    var text: String {
        let parts = [self.detail ?? ""] + (self.subproblems ?? []).map(\.text)
        return parts.filter { !$0.isEmpty }.joined(separator: "; ")
    }
}
