/// Merges dynamic configuration documents (files of the file provider, sources of a cluster)
/// as Traefik does: objects add up; one defined differently in two documents is disabled in
/// both, with the reason.
public struct DynamicConfigurationMerger: Sendable {
    public private(set) var merged = DynamicConfiguration()
    /// Where each object came from (`kind/name` → document), for the conflict message.
    private var origins: [String: String] = [:]

    public init() {}

    /// Adds the objects of `part`, read from `origin` (a file name, or `provider/name`).
    public mutating func add(_ part: DynamicConfiguration, from origin: String) {
        var merged = self.merged
        var origins = self.origins
        // Kept apart from `merged`, whose maps are passed inout below.
        var problems = merged.problems
        func add<T: Equatable>(_ objects: [String: T], to target: inout [String: T], kind: ConfigurationObjectKind) {
            for (name, object) in objects {
                let key = "\(kind.rawValue)/\(name)"
                if let existing = target[name] {
                    guard existing != object else { continue }
                    target[name] = nil
                    let message = "defined differently in \(origins[key] ?? "another document") and \(origin); it is disabled until one definition remains"
                    problems.append(ConfigurationProblem(kind: kind, name: name,
                                                         error: ConfigurationError(file: origin, key: "", line: nil, message: message)))
                } else if !problems.contains(where: { $0.kind == kind && $0.name == name }) {
                    target[name] = object
                    origins[key] = origin
                }
            }
        }
        add(part.routers, to: &merged.routers, kind: .router)
        add(part.services, to: &merged.services, kind: .service)
        add(part.middlewares, to: &merged.middlewares, kind: .middleware)
        add(part.serversTransports, to: &merged.serversTransports, kind: .serversTransport)
        add(part.tls.options, to: &merged.tls.options, kind: .tlsOptions)
        add(part.tcpRouters, to: &merged.tcpRouters, kind: .tcpRouter)
        add(part.tcpServices, to: &merged.tcpServices, kind: .tcpService)
        add(part.tcpMiddlewares, to: &merged.tcpMiddlewares, kind: .tcpMiddleware)
        add(part.udpRouters, to: &merged.udpRouters, kind: .udpRouter)
        add(part.udpServices, to: &merged.udpServices, kind: .udpService)
        // Settings follow their middleware: one defined differently in two documents is gone from `middlewares`.
        merged.middlewareSettings.merge(part.middlewareSettings) { first, _ in first }
        merged.tls.certificates += part.tls.certificates
        merged.acmeChallenges.httpTokens.merge(part.acmeChallenges.httpTokens) { _, new in new }
        merged.acmeChallenges.tlsCertificates.merge(part.acmeChallenges.tlsCertificates) { _, new in new }
        merged.tls.defaultCertificate = part.tls.defaultCertificate ?? merged.tls.defaultCertificate
        merged.problems = problems + part.problems
        merged.warnings += part.warnings
        self.merged = merged
        self.origins = origins
    }
}
