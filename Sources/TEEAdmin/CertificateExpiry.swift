public import Foundation
import SwiftASN1
import X509

/// A certificate's name and expiry, for `teeadm certs check-expiration`.
public struct CertificateExpiry: Sendable {
    public var name: String
    /// `cluster CA`, `node` or `stored`.
    public var kind: String
    public var expires: Date

    /// The node's CA and own certificate under `configDirectory/pki`.
    public static func local(configDirectory: String) -> [CertificateExpiry] {
        [("ca.pem", "cluster CA"), ("node.pem", "node")].compactMap { file, kind in
            let path = "\(configDirectory)/pki/\(file)"
            guard let text = try? String(contentsOfFile: path, encoding: .utf8), let certificate = try? Certificate(pemEncoded: text) else { return nil }
            return CertificateExpiry(name: path, kind: kind, expires: certificate.notValidAfter)
        }
    }

    /// The stored certificates from `GET /api/v1/certificates`.
    public static func stored(_ json: String) -> [CertificateExpiry] {
        let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return (object?["certificates"] as? [[String: Any]] ?? []).map {
            CertificateExpiry(name: $0["name"] as? String ?? "", kind: "stored", expires: Date(timeIntervalSince1970: $0["notAfter"] as? Double ?? 0))
        }
    }

    /// Days (or hours) left, as kubeadm prints them; "expired" when past.
    public var residual: String {
        let seconds = self.expires.timeIntervalSinceNow
        if seconds <= 0 { return "expired" }
        let days = Int(seconds / 86400)
        return days >= 365 ? "\(days / 365)y" : days > 0 ? "\(days)d" : "\(Int(seconds / 3600))h"
    }
}
