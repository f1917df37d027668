/// Reads the mesh's services and policy: a YAML (or TOML) list of objects in SMI's shape, `kind`, `metadata`
/// (`name`, `namespace`) and `spec`, or a mapping whose `items` is that list.
///
/// Every problem is reported with file, key and line; references between objects (a target's
/// route group, a split's backends) are checked too. A document with any problem yields no policy.
public struct MeshConfigurationParser {
    public static let kinds = ["MeshService", "TrafficTarget", "HTTPRouteGroup", "TCPRoute", "TrafficSplit", "ServicePolicy"]

    public init() {}

    public func parse(_ text: String, file: String) throws(ConfigurationErrors) -> MeshConfiguration {
        var policy = MeshConfiguration()
        var errors: [ConfigurationError] = []
        var ruleNodes: [(rule: TrafficTargetRule, namespace: String, node: ConfigNode)] = []
        do throws(ConfigurationError) {
            let root = try ConfigNode.parse(text, file: file)
            let objects: [ConfigNode]
            if case .sequence = root.value {
                objects = try root.items()
            } else {
                guard let items = try root.child("items") else {
                    throw root.error("expected a list of policy objects (kind, metadata, spec), or a mapping with items:")
                }
                objects = try items.items()
            }
            for object in objects {
                do throws(ConfigurationError) {
                    try self.add(object, to: &policy, ruleNodes: &ruleNodes)
                } catch {
                    errors.append(error)
                }
            }
        } catch {
            errors.append(error)
        }
        errors += self.unresolvedReferences(in: policy, ruleNodes: ruleNodes)
        guard errors.isEmpty else { throw ConfigurationErrors(errors) }
        return policy
    }

    private func add(_ object: ConfigNode, to policy: inout MeshConfiguration,
                     ruleNodes: inout [(rule: TrafficTargetRule, namespace: String, node: ConfigNode)]) throws(ConfigurationError) {
        try object.requireKnownKeys(["kind", "apiVersion", "metadata", "spec"])
        guard let kindNode = try object.child("kind") else { throw object.error("missing kind; use one of \(Self.kinds.joined(separator: ", "))") }
        let kind = try kindNode.string()
        guard Self.kinds.contains(kind) else { throw kindNode.error("unknown kind '\(kind)'; use one of \(Self.kinds.joined(separator: ", "))") }
        guard let metadata = try object.child("metadata") else { throw object.error("missing metadata (name, namespace)") }
        try metadata.requireKnownKeys(["name", "namespace", "labels", "annotations"])
        let name = try self.label(metadata, "name", required: true)!
        let namespace = try self.label(metadata, "namespace", required: false) ?? "default"
        guard let spec = try object.child("spec") else { throw object.error("missing spec") }
        switch kind {
        case "MeshService":
            try spec.requireKnownKeys(["protocol", "port", "instances"])
            let identity = MeshServiceIdentity(name: name, namespace: namespace)
            guard !policy.services.contains(where: { $0.identity == identity }) else { throw metadata.error("service \(identity) is registered twice") }
            let protocolNode = try spec.child("protocol")
            guard let serviceProtocol = MeshServiceProtocol(rawValue: try protocolNode?.string().lowercased() ?? "http") else {
                throw protocolNode!.error("unknown protocol; use http or tcp")
            }
            guard let portNode = try spec.child("port") else { throw spec.error("missing port (the port clients use on the service's address)") }
            let port = try self.port(portNode)
            var instances: [MeshServiceInstance] = []
            for node in try spec.child("instances")?.items() ?? [] {
                try node.requireKnownKeys(["node", "port", "uid"])
                guard let instancePort = try node.child("port") else { throw node.error("missing port (where the instance listens on its node's loopback)") }
                guard let uidNode = try node.child("uid") else { throw node.error("missing uid (the local user the instance runs as)") }
                let uid = try uidNode.int(atLeast: 0)
                guard uid <= Int(UInt32.max) else { throw uidNode.error("a uid is at most \(UInt32.max)") }
                guard let nodeNameNode = try node.child("node") else { throw node.error("missing node (the node the instance runs on)") }
                let nodeName = try nodeNameNode.string()
                guard nodeName.wholeMatch(of: /[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?/) != nil else {
                    throw nodeNameNode.error("node names are lower-case letters, digits, '.' and '-' (as teeadm join names nodes)")
                }
                instances.append(MeshServiceInstance(service: identity, node: nodeName, port: try self.port(instancePort),
                                                     serviceProtocol: serviceProtocol, uid: UInt32(uid)))
            }
            policy.services.append(MeshService(identity: identity, serviceProtocol: serviceProtocol, port: port, instances: instances))
        case "TrafficTarget":
            try spec.requireKnownKeys(["destination", "sources", "rules"])
            guard let destination = try spec.child("destination") else { throw spec.error("missing destination (the service traffic goes to)") }
            let sources = try (try spec.child("sources")?.items() ?? []).map { (node) throws(ConfigurationError) -> MeshServiceIdentity in
                try self.service(node, namespace: namespace)
            }
            guard !sources.isEmpty else { throw spec.error("missing sources (the services allowed to send traffic)") }
            var rules: [TrafficTargetRule] = []
            for node in try spec.child("rules")?.items() ?? [] {
                try node.requireKnownKeys(["kind", "name", "matches"])
                guard let ruleKindNode = try node.child("kind") else { throw node.error("missing kind; use HTTPRouteGroup or TCPRoute") }
                guard let ruleKind = TrafficTargetRule.Kind(rawValue: try ruleKindNode.string()) else {
                    throw ruleKindNode.error("unknown rule kind; use HTTPRouteGroup or TCPRoute")
                }
                let rule = TrafficTargetRule(kind: ruleKind, name: try self.label(node, "name", required: true)!,
                                             matches: try node.child("matches")?.stringList() ?? [])
                rules.append(rule)
                ruleNodes.append((rule, namespace, node))
            }
            policy.trafficTargets.append(TrafficTarget(name: name, namespace: namespace, destination: try self.service(destination, namespace: namespace),
                                                       sources: sources, rules: rules))
        case "HTTPRouteGroup":
            try spec.requireKnownKeys(["matches"])
            var matches: [HTTPRouteMatch] = []
            for node in try spec.child("matches")?.items() ?? [] {
                try node.requireKnownKeys(["name", "pathRegex", "methods", "headers"])
                let pathRegex: CompiledRegex?
                if let pattern = try node.child("pathRegex") { pathRegex = try pattern.regex() } else { pathRegex = nil }
                let methods = try node.child("methods")?.stringList().map { $0.uppercased() } ?? []
                var headers: [(name: String, value: CompiledRegex)] = []
                if let headerNode = try node.child("headers") {
                    // SMI writes headers as a list of one-entry mappings; a plain mapping is accepted too.
                    let mappings = (try? headerNode.items()) ?? [headerNode]
                    for mapping in mappings {
                        for entry in try mapping.entries() { headers.append((entry.key.lowercased(), try entry.value.regex())) }
                    }
                }
                matches.append(HTTPRouteMatch(name: try self.label(node, "name", required: true)!, pathRegex: pathRegex, methods: methods, headers: headers))
            }
            guard !matches.isEmpty else { throw spec.error("an HTTPRouteGroup needs at least one match") }
            policy.httpRouteGroups.append(HTTPRouteGroup(name: name, namespace: namespace, matches: matches))
        case "TCPRoute":
            try spec.requireKnownKeys(["matches"])
            var ports: [Int] = []
            if let matches = try spec.child("matches") {
                try matches.requireKnownKeys(["ports"])
                for node in try matches.child("ports")?.items() ?? [] { ports.append(try self.port(node)) }
            }
            policy.tcpRoutes.append(TCPRoute(name: name, namespace: namespace, ports: ports))
        case "TrafficSplit":
            try spec.requireKnownKeys(["service", "backends"])
            guard let serviceNode = try spec.child("service") else { throw spec.error("missing service (the name clients address)") }
            var backends: [TrafficSplitBackend] = []
            for node in try spec.child("backends")?.items() ?? [] {
                try node.requireKnownKeys(["service", "weight"])
                guard let backendService = try node.child("service") else { throw node.error("missing service") }
                let weight = try node.child("weight")?.int(atLeast: 0) ?? 1
                backends.append(TrafficSplitBackend(service: try self.service(backendService, namespace: namespace), weight: weight))
            }
            guard backends.contains(where: { $0.weight > 0 }) else { throw spec.error("a TrafficSplit needs a backend with a weight above 0") }
            policy.trafficSplits.append(TrafficSplit(name: name, namespace: namespace, service: try self.service(serviceNode, namespace: namespace),
                                                     backends: backends))
        default:  // ServicePolicy
            try spec.requireKnownKeys(["service", "retries", "rateLimit", "circuitBreaker", "timeouts"])
            guard let serviceNode = try spec.child("service") else { throw spec.error("missing service (the destination the policy is for)") }
            var servicePolicy = ServicePolicy(name: name, namespace: namespace, service: try self.service(serviceNode, namespace: namespace))
            if let retries = try spec.child("retries") {
                try retries.requireKnownKeys(["attempts", "budget"])
                servicePolicy.retries = .init(attempts: try retries.child("attempts")?.int(atLeast: 0) ?? 1,
                                              budgetPercent: try retries.child("budget").map { (node) throws(ConfigurationError) -> Int in try self.percent(node) } ?? 20)
            }
            if let limit = try spec.child("rateLimit") {
                try limit.requireKnownKeys(["average", "burst"])
                guard let averageNode = try limit.child("average") else { throw limit.error("missing average (requests per second)") }
                let average = try averageNode.int(atLeast: 1)
                servicePolicy.rateLimit = .init(average: average, burst: try limit.child("burst")?.int(atLeast: 1) ?? average)
            }
            if let breaker = try spec.child("circuitBreaker") {
                try breaker.requireKnownKeys(["consecutive5xx", "interval", "baseEjectionTime", "maxEjectionPercent"])
                servicePolicy.circuitBreaker = .init(
                    consecutive5xx: try breaker.child("consecutive5xx")?.int(atLeast: 1) ?? 5,
                    interval: try breaker.child("interval")?.duration() ?? .seconds(10),
                    baseEjectionTime: try breaker.child("baseEjectionTime")?.duration() ?? .seconds(30),
                    maxEjectionPercent: try breaker.child("maxEjectionPercent").map { (node) throws(ConfigurationError) -> Int in try self.percent(node) } ?? 50)
            }
            if let timeouts = try spec.child("timeouts") {
                try timeouts.requireKnownKeys(["request", "connect"])
                servicePolicy.timeouts = .init(request: try timeouts.child("request")?.duration(), connect: try timeouts.child("connect")?.duration())
            }
            policy.servicePolicies.append(servicePolicy)
        }
    }

    /// A service reference: a name (in the object's namespace) or a mapping with `name` and
    /// optionally `namespace` (SMI's `kind` is accepted and ignored).
    private func service(_ node: ConfigNode, namespace: String) throws(ConfigurationError) -> MeshServiceIdentity {
        if case .scalar = node.value {
            let name = try node.string()
            guard MeshServiceIdentity.isValidLabel(name) else { throw node.error(Self.labelRule) }
            return MeshServiceIdentity(name: name, namespace: namespace)
        }
        try node.requireKnownKeys(["kind", "name", "namespace"])
        return MeshServiceIdentity(name: try self.label(node, "name", required: true)!,
                                   namespace: try self.label(node, "namespace", required: false) ?? namespace)
    }

    private func label(_ node: ConfigNode, _ key: String, required: Bool) throws(ConfigurationError) -> String? {
        guard let child = try node.child(key) else {
            if required { throw node.error("missing \(key)") }
            return nil
        }
        let value = try child.string()
        guard MeshServiceIdentity.isValidLabel(value) else { throw child.error(Self.labelRule) }
        return value
    }

    private func port(_ node: ConfigNode) throws(ConfigurationError) -> Int {
        let port = try node.int()
        guard (1...65535).contains(port) else { throw node.error("a port is 1–65535") }
        return port
    }

    /// `20%` or `20`, 0–100.
    private func percent(_ node: ConfigNode) throws(ConfigurationError) -> Int {
        let text = try node.string()
        guard let value = Int(text.hasSuffix("%") ? String(text.dropLast()) : text), (0...100).contains(value) else {
            throw node.error("expected a percentage from 0 to 100, such as 20%")
        }
        return value
    }

    private func unresolvedReferences(in policy: MeshConfiguration,
                                      ruleNodes: [(rule: TrafficTargetRule, namespace: String, node: ConfigNode)]) -> [ConfigurationError] {
        ruleNodes.compactMap { entry in
            switch entry.rule.kind {
            case .httpRouteGroup:
                guard let group = policy.httpRouteGroups.first(where: { $0.name == entry.rule.name && $0.namespace == entry.namespace }) else {
                    return entry.node.error("no HTTPRouteGroup '\(entry.rule.name)' in namespace \(entry.namespace)")
                }
                let unknown = entry.rule.matches.filter { name in !group.matches.contains { $0.name == name } }
                return unknown.isEmpty ? nil : entry.node.error("HTTPRouteGroup '\(group.name)' has no match named \(unknown.joined(separator: ", "))")
            case .tcpRoute:
                return policy.tcpRoutes.contains(where: { $0.name == entry.rule.name && $0.namespace == entry.namespace }) ? nil
                    : entry.node.error("no TCPRoute '\(entry.rule.name)' in namespace \(entry.namespace)")
            }
        }
    }

    static let labelRule = "names are lower-case letters, digits and '-', 1–63 characters, starting and ending with a letter or digit"
}
