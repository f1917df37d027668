/// The ACME challenge types tee answers (RFC 8555 §8.3, §8.4; RFC 8737).
public enum ACMEChallengeKind: String, Sendable, Equatable, Codable {
    case http01 = "http-01"
    case tlsALPN01 = "tls-alpn-01"
    case dns01 = "dns-01"
}
