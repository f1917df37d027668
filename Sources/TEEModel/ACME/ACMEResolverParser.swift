/// Reads `certificatesResolvers`: each entry's `acme` section, checked so that a resolver that
/// could never obtain a certificate is an error naming its key, line and what to set.
struct ACMEResolverParser {
    /// The entry points of the same file, which `httpChallenge.entryPoint` must name.
    let entryPointNames: Set<String>

    func resolvers(_ node: ConfigNode, errors: inout [ConfigurationError]) throws(ConfigurationError) -> [ACMEResolverConfiguration] {
        var result: [ACMEResolverConfiguration] = []
        for (name, entry) in try node.entries() {
            guard let acme = try entry.child("acme") else {
                if try entry.child("tailscale") == nil {
                    errors.append(entry.error("a certificate resolver needs an acme section (email, storage and one challenge)"))
                }
                continue
            }
            let before = errors.count
            let resolver = try self.resolver(name: name, acme, errors: &errors)
            if errors.count == before { result.append(resolver) }
        }
        return result.sorted { $0.name < $1.name }
    }

    private func resolver(name: String, _ acme: ConfigNode, errors: inout [ConfigurationError]) throws(ConfigurationError) -> ACMEResolverConfiguration {
        var resolver = ACMEResolverConfiguration(name: name, email: try acme.child("email")?.string() ?? "")
        if let node = try acme.child("caServer") {
            resolver.caServer = try node.string()
            if !(resolver.caServer.hasPrefix("https://") || resolver.caServer.hasPrefix("http://")) {
                errors.append(node.error("'\(resolver.caServer)' is not a URL; give the CA's directory, such as \(ACMEResolverConfiguration.letsEncrypt)"))
            }
        }
        resolver.storage = try acme.child("storage")?.string() ?? resolver.storage
        if resolver.storage.isEmpty { errors.append(acme.error("storage is empty; name the acme.json file, such as /var/lib/tee/acme.json")) }
        if let node = try acme.child("keyType") {
            resolver.keyType = try node.string()
            if !ACMEResolverConfiguration.keyTypes.contains(resolver.keyType) {
                errors.append(node.error("unknown key type '\(resolver.keyType)'; use one of \(ACMEResolverConfiguration.keyTypes.joined(separator: ", "))"))
            }
        }
        if let eab = try acme.child("eab") {
            resolver.eabKeyID = try eab.child("kid")?.string()
            resolver.eabHMACEncoded = try eab.child("hmacEncoded")?.string()
            if resolver.eabKeyID?.isEmpty ?? true || resolver.eabHMACEncoded?.isEmpty ?? true {
                errors.append(eab.error("external account binding needs both kid and hmacEncoded, as the CA gave them"))
            } else if Base64URL.decode(resolver.eabHMACEncoded!) == nil {
                errors.append(try eab.child("hmacEncoded")!.error("not base64url; paste the HMAC key exactly as the CA gave it"))
            }
        }
        if let node = try acme.child("certificatesDuration") {
            resolver.certificatesDurationHours = try node.int(atLeast: 1)
        }
        resolver.preferredChain = try acme.child("preferredChain")?.string()
        if let node = try acme.child("caCertificates") { resolver.caCertificates = try node.stringList() }
        resolver.caSystemCertPool = try acme.child("caSystemCertPool")?.bool() ?? false
        resolver.caServerName = try acme.child("caServerName")?.string()
        resolver.clientTimeout = try acme.child("clientTimeout")?.duration() ?? resolver.clientTimeout
        if let http = try acme.child("httpChallenge") {
            guard let node = try http.child("entryPoint") else {
                errors.append(http.error("httpChallenge needs entryPoint: the entry point the CA reaches on port 80"))
                return resolver
            }
            let entryPoint = try node.string()
            if !self.entryPointNames.contains(entryPoint) {
                errors.append(node.error("entry point '\(entryPoint)' is not defined under entryPoints; name the one on port 80"))
            }
            resolver.httpChallengeEntryPoint = entryPoint
        }
        resolver.tlsChallenge = try acme.child("tlsChallenge") != nil
        if let dns = try acme.child("dnsChallenge") {
            guard let node = try dns.child("provider") else {
                errors.append(dns.error("dnsChallenge needs provider; tee speaks rfc2136 (set RFC2136_NAMESERVER and the TSIG variables)"))
                return resolver
            }
            let provider = try node.string()
            if provider != "rfc2136" {
                errors.append(node.error("DNS provider '\(provider)' is not supported by tee yet; use rfc2136 (RFC 2136 dynamic updates, which BIND, Knot and PowerDNS accept), or httpChallenge / tlsChallenge"))
            }
            var challenge = DNSChallengeConfiguration(provider: provider, resolvers: try dns.child("resolvers")?.stringList() ?? [])
            let propagation = try dns.child("propagation")
            var delay = try propagation?.child("delayBeforeChecks")
            if delay == nil { delay = try dns.child("delayBeforeCheck") }
            challenge.delayBeforeChecks = try delay?.duration() ?? .zero
            var disable = try propagation?.child("disableChecks")
            if disable == nil { disable = try dns.child("disablePropagationCheck") }
            challenge.disableChecks = try disable?.bool() ?? false
            resolver.dnsChallenge = challenge
        }
        if resolver.challengeKinds.isEmpty {
            errors.append(acme.error("no challenge is set; add httpChallenge.entryPoint, tlsChallenge: {} or dnsChallenge.provider"))
        }
        return resolver
    }
}
