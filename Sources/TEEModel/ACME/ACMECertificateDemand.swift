import Foundation

/// One certificate a resolver should hold: asked for by a router's `tls.certResolver`, with the
/// names of its `tls.domains` entry or, without them, the `Host` names of its rule (Traefik's
/// rule: the first name is `main`, the rest `sans`).
public struct ACMECertificateDemand: Sendable, Hashable {
    public var resolver: String
    public var domain: CertificateDomain
    /// The routers that ask for it, for the log and the API.
    public var routers: [String]

    public init(resolver: String, domain: CertificateDomain, routers: [String]) {
        self.resolver = resolver
        self.domain = domain
        self.routers = routers
    }

    /// Every certificate the routers of `configuration` ask for, one per distinct set of names and
    /// resolver, sorted; routers naming a resolver that is not in `resolvers` are reported instead.
    public static func demands(in configuration: DynamicConfiguration, resolvers: Set<String>)
        -> (demands: [ACMECertificateDemand], problems: [String]) {
        var byKey: [String: ACMECertificateDemand] = [:]
        var problems: [String] = []
        let routers = configuration.routers.map { ($0.key, $0.value.rule, $0.value.tls) }
            + configuration.tcpRouters.map { name, router in
                (name, router.rule, router.tls.flatMap { $0.passthrough ? nil : RouterTLSConfiguration(
                    options: $0.options, certResolver: $0.certResolver, certificateDomains: $0.certificateDomains) })
            }
        for (name, rule, tls) in routers.sorted(by: { $0.0 < $1.0 }) {
            guard let tls, let resolver = tls.certResolver, !resolver.isEmpty else { continue }
            guard resolvers.contains(resolver) else {
                problems.append("router \(name): certResolver '\(resolver)' is not defined under certificatesResolvers in the static configuration")
                continue
            }
            var domains = tls.certificateDomains
            if domains.isEmpty {
                let hosts = Self.hostNames(rule)
                if let first = hosts.first { domains = [CertificateDomain(main: first, sans: Array(hosts.dropFirst()))] }
            }
            if domains.isEmpty {
                problems.append("router \(name): certResolver '\(resolver)' has no names to ask for; add Host(`…`) to the rule or tls.domains")
            }
            for domain in domains where !domain.names.isEmpty {
                let key = Self.key(resolver: resolver, domain: domain)
                byKey[key, default: ACMECertificateDemand(resolver: resolver, domain: domain, routers: [])].routers.append(name)
            }
        }
        return (byKey.values.sorted { ($0.resolver, $0.domain.main) < ($1.resolver, $1.domain.main) }, problems)
    }

    /// One certificate of one resolver, whatever the order of its names: `resolver|a,b`.
    public static func key(resolver: String, domain: CertificateDomain) -> String {
        resolver + "|" + domain.names.sorted().joined(separator: ",")
    }

    /// The arguments of every `Host` (or, for TCP routers, `HostSNI`) matcher in a rule, in order, without repeats.
    static func hostNames(_ rule: String) -> [String] {
        var names: [String] = []
        for match in rule.matches(of: /(?i)\bHost(?:SNI)?\(\s*([^)]*)\)/) {
            for argument in match.1.split(separator: ",") {
                let name = argument.trimmingSpaces().trimmingCharacters(in: ["`", "\"", "'"]).lowercased()
                if !name.isEmpty, name != "*", !names.contains(name) { names.append(name) }
            }
        }
        return names
    }
}
