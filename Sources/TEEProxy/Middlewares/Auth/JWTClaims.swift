import Foundation
import JWTKit
import TEEModel

/// A token's claims as JSON, checked in time: `exp` must be ahead, `nbf` and `iat` behind.
struct JWTClaims: JWTPayload {
    let claims: ClaimValue

    init(from decoder: any Decoder) throws {
        self.claims = try ClaimValue(from: decoder)
    }

    func encode(to encoder: any Encoder) throws {
        throw JWTError.generic(identifier: "tee", reason: "the proxy verifies tokens; it does not sign them")
    }

    func verify(using algorithm: some JWTAlgorithm) async throws {
        try Self.checkTimes(self.claims, now: Date().timeIntervalSince1970)
    }

    /// Throws when `exp` has passed, or `nbf` or `iat` is still ahead (a number that is not one fails too).
    static func checkTimes(_ claims: ClaimValue, now: Double) throws {
        func time(_ name: String) throws -> Double? {
            guard let value = claims.value(at: [name]), value != .null else { return nil }
            guard case .number = value, let seconds = value.number else {
                throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "\(name) is not a number")
            }
            return seconds
        }
        if let expiry = try time("exp"), now >= expiry {
            throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "expired")
        }
        if let notBefore = try time("nbf"), now < notBefore {
            throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "not valid yet")
        }
        if let issuedAt = try time("iat"), issuedAt > now + 1 {
            throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "issued in the future")
        }
    }
}
