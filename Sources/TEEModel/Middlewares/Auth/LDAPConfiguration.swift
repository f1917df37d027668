import Foundation

/// `plugin.ldap` (Traefik Hub's keys): the `Authorization: Basic` credentials of each request are
/// checked against an LDAP server — by binding as `attribute=username,baseDN` (bind mode), or,
/// with `searchFilter`, by finding the one entry the filter matches and binding as it (search
/// mode, searching as `bindDN`).
public struct LDAPConfiguration: Sendable, Equatable {
    /// `url`'s host and port, and whether it is `ldaps://` (TLS from the start).
    public var host: String
    public var port: Int
    public var usesTLS: Bool
    /// `certificateAuthority`: a PEM file of the CA that signs the server's certificate.
    public var certificateAuthority: String?
    public var bindDN: String?
    public var bindPassword: String?
    public var baseDN: String
    public var attribute: String
    public var searchFilter: String?
    public var forwardUsername: Bool
    public var forwardUsernameHeader: String
    public var forwardAuthorization: Bool
    public var wwwAuthenticateHeader: Bool
    public var wwwAuthenticateHeaderRealm: String
    /// `connPool.size`, `.burst`, `.ttl`.
    public var poolSize: Int
    public var poolBurst: Int
    public var poolTTL: Duration
    /// `cacheDuration` (tee's key): how long a user whose bind succeeded passes without asking the server again; 0 asks every time.
    public var cacheDuration: Duration

    static func parse(_ body: ConfigNode) throws(ConfigurationError) -> Self {
        try body.requireKnownKeys(["url", "startTLS", "certificateAuthority", "insecureSkipVerify", "bindDN", "bindPassword",
                                   "bindPasswordFile", "connPool", "baseDN", "attribute", "forwardUsername", "forwardUsernameHeader",
                                   "forwardAuthorization", "searchFilter", "wwwAuthenticateHeader", "wwwAuthenticateHeaderRealm",
                                   "cacheDuration"])
        guard let urlNode = try body.child("url") else { throw body.error("missing url, such as ldaps://ldap.example.org:636") }
        let url = try urlNode.string()
        let schemeEnd = url.range(of: "://")
        let scheme = schemeEnd.map { url[..<$0.lowerBound].lowercased() } ?? ""
        guard scheme == "ldap" || scheme == "ldaps", let schemeEnd else {
            throw urlNode.error("'\(url)' is not an ldap:// or ldaps:// URL")
        }
        var authority = url[schemeEnd.upperBound...]
        if let slash = authority.firstIndex(of: "/") { authority = authority[..<slash] }
        guard let colon = authority.lastIndex(of: ":"), let port = Int(authority[authority.index(after: colon)...]), (1...65535).contains(port),
              !authority[..<colon].isEmpty else {
            throw urlNode.error("'\(url)' needs a host and a port, such as ldaps://ldap.example.org:636")
        }
        var host = String(authority[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard let baseDN = try body.child("baseDN")?.string(), !baseDN.isEmpty else {
            throw body.error("missing baseDN, such as dc=example,dc=org")
        }
        let startTLS = try body.child("startTLS")?.bool() ?? false
        if startTLS, let node = try body.child("startTLS") {
            if scheme == "ldaps" { throw node.error("startTLS is for ldap:// URLs; ldaps:// is TLS from the start") }
            throw node.error("StartTLS is not supported; use an ldaps:// URL")
        }
        if let node = try body.child("insecureSkipVerify"), try node.bool() {
            throw node.error("insecureSkipVerify is refused: give the server's CA in certificateAuthority")
        }
        let bindDN = try body.child("bindDN")?.string()
        let bindPassword = try body.secret("bindPassword")
        if bindPassword != nil && bindDN == nil { throw body.error("bindPassword needs bindDN") }
        var poolSize = 10, poolBurst = 5, poolTTL = Duration.seconds(60)
        if let pool = try body.child("connPool") {
            try pool.requireKnownKeys(["size", "burst", "ttl"])
            poolSize = try pool.child("size")?.int(atLeast: 0) ?? poolSize
            poolBurst = try pool.child("burst")?.int(atLeast: 0) ?? poolBurst
            poolTTL = try pool.child("ttl")?.duration() ?? poolTTL
        }
        guard poolSize + poolBurst > 0 else { throw body.error("connPool.size and connPool.burst cannot both be 0") }
        let filter = try body.child("searchFilter")?.string()
        if let filter, !filter.isEmpty, let node = try body.child("searchFilter") {
            guard filter.contains("%s") else { throw node.error("the filter needs %s where the username goes, such as (uid=%s)") }
            do {
                _ = try LDAPFilter.parse(filter.replacingOccurrences(of: "%s", with: "user"))
            } catch {
                throw node.error("\(error.description); write a filter such as (&(objectClass=inetOrgPerson)(uid=%s))")
            }
        }
        return Self(host: host, port: port, usesTLS: scheme == "ldaps",
                    certificateAuthority: try body.child("certificateAuthority")?.string(),
                    bindDN: bindDN, bindPassword: bindPassword, baseDN: baseDN, attribute: try body.child("attribute")?.string() ?? "cn",
                    searchFilter: (filter?.isEmpty ?? true) ? nil : filter,
                    forwardUsername: try body.child("forwardUsername")?.bool() ?? false,
                    forwardUsernameHeader: try body.child("forwardUsernameHeader")?.string() ?? "Username",
                    forwardAuthorization: try body.child("forwardAuthorization")?.bool() ?? false,
                    wwwAuthenticateHeader: try body.child("wwwAuthenticateHeader")?.bool() ?? false,
                    wwwAuthenticateHeaderRealm: try body.child("wwwAuthenticateHeaderRealm")?.string() ?? "",
                    poolSize: poolSize, poolBurst: poolBurst, poolTTL: poolTTL,
                    cacheDuration: try body.child("cacheDuration")?.duration() ?? .seconds(60))
    }
}
