/// `certificatesResolvers.NAME.acme`: an ACME account and how its orders are validated.
public struct ACMEResolverConfiguration: Sendable, Equatable {
    /// Let's Encrypt's production directory: Traefik's default `caServer`.
    public static let letsEncrypt = "https://acme-v02.api.letsencrypt.org/directory"
    /// The key types Traefik accepts for certificates, by their `keyType` names.
    public static let keyTypes = ["EC256", "EC384", "RSA2048", "RSA4096", "RSA8192"]

    public var name: String
    public var email: String
    public var caServer: String = Self.letsEncrypt
    /// `storage`: the acme.json file (standalone); in a cluster the account lives in etcd.
    public var storage: String = "acme.json"
    public var keyType: String = "RSA4096"
    /// `eab.kid` and `eab.hmacEncoded` (base64url): external account binding.
    public var eabKeyID: String?
    public var eabHMACEncoded: String?
    /// `certificatesDuration`, in hours (Traefik's default: 2160, 90 days); it sets when to renew.
    public var certificatesDurationHours: Int = 2160
    /// `preferredChain`: the common name of the root the chain should end at, when the CA offers several.
    public var preferredChain: String?
    /// `caCertificates`: PEM files trusted for the CA server's HTTPS, besides (or with `caSystemCertPool: false`, instead of) the system's.
    public var caCertificates: [String] = []
    public var caSystemCertPool: Bool = false
    /// `caServerName`: the name checked in the CA server's certificate, when it is not the URL's host.
    public var caServerName: String?
    /// `clientTimeout`: the whole of one request to the CA.
    public var clientTimeout: Duration = .seconds(120)
    /// `httpChallenge.entryPoint`: the entry point (port 80 to the CA) that answers HTTP-01.
    public var httpChallengeEntryPoint: String?
    /// `tlsChallenge`: answer TLS-ALPN-01 on the TLS entry points (port 443 to the CA).
    public var tlsChallenge: Bool = false
    public var dnsChallenge: DNSChallengeConfiguration?

    public init(name: String, email: String) {
        self.name = name
        self.email = email
    }

    /// The challenge types this resolver answers, in the order tee prefers them.
    public var challengeKinds: [ACMEChallengeKind] {
        var kinds: [ACMEChallengeKind] = []
        if self.dnsChallenge != nil { kinds.append(.dns01) }
        if self.tlsChallenge { kinds.append(.tlsALPN01) }
        if self.httpChallengeEntryPoint != nil { kinds.append(.http01) }
        return kinds
    }

    /// When a certificate is due for renewal, and how often to retry, from `certificatesDuration`
    /// (Traefik's table: 30 days before the end of a 90-day certificate, retried daily, …).
    public var renewal: (before: Duration, retryEvery: Duration) {
        let hours = self.certificatesDurationHours
        let hour: Int64 = 3600
        switch hours {
        case (365 * 24)...: return (.seconds(4 * 30 * 24 * hour), .seconds(7 * 24 * hour))
        case (3 * 30 * 24)...: return (.seconds(30 * 24 * hour), .seconds(24 * hour))
        case (30 * 24)...: return (.seconds(10 * 24 * hour), .seconds(12 * hour))
        case (6 * 24)...: return (.seconds(2 * 24 * hour), .seconds(2 * hour))
        case 24...: return (.seconds(6 * hour), .seconds(10 * 60))
        default: return (.seconds(20 * 60), .seconds(60))
        }
    }
}
