/// Turns a container into its dynamic configuration as Traefik's Docker provider does: the
/// `traefik.*` labels, plus a service with the container's address when the labels name none,
/// a router with the `defaultRule` when they name no router, and each router's service when
/// there is only one.
public struct DockerLabelBuilder: Sendable {
    public let settings: DockerProviderConfiguration

    public init(settings: DockerProviderConfiguration) {
        self.settings = settings
    }

    /// The labels tee reads for the provider itself, not as configuration.
    static let providerLabels = ["enable", "docker.network", "docker.allownonrunning", "docker.lbswarm"]

    /// Why a container is left out, when it is.
    public func exclusion(of container: DockerContainer) -> String? {
        let enable = container.labels.first { $0.key.lowercased() == "traefik.enable" }?.value.lowercased()
        if enable == "false" { return "traefik.enable=false" }
        if !self.settings.exposedByDefault && enable != "true" { return "exposedByDefault is false and the container has no traefik.enable=true" }
        if let constraints = self.settings.constraints, !constraints.matches(labels: container.labels) {
            return "it does not satisfy the constraints \(constraints.source)"
        }
        if !container.running { return "it is not running" }
        if !container.health.isEmpty && container.health != "healthy" { return "its health is \(container.health)" }
        return nil
    }

    /// The container's configuration (nil when it is left out); throws when its labels cannot
    /// make one, naming the container and the label.
    public func configuration(of container: DockerContainer) throws(ConfigurationError) -> FlatConfiguration? {
        guard self.exclusion(of: container) == nil else { return nil }
        let origin = "docker/\(container.name)"
        var keys = FlatKeys(FlatConfiguration.fromLabels(container.labels).values)
        let network = keys.remove("docker.network")
        for label in Self.providerLabels { _ = keys.remove(label) }
        let target = Target(container: container, network: network ?? self.settings.network, settings: self.settings, origin: origin)
        let name = DefaultRuleTemplate.normalize(container.serviceName)

        var networked = false
        for proto in ["tcp", "udp"] where !keys.names(proto, "routers").isEmpty || !keys.names(proto, "services").isEmpty {
            networked = true
            try self.services(proto, keys: &keys, name: name, target: target, field: "address")
            try self.routers(proto, keys: &keys, name: name, rule: nil, origin: origin)
        }
        let hasHTTP = !keys.names("http", "routers").isEmpty || !keys.names("http", "services").isEmpty
            || !keys.names("http", "middlewares").isEmpty
        if !networked || hasHTTP {
            try self.services("http", keys: &keys, name: name, target: target, field: "url")
            try self.routers("http", keys: &keys, name: name,
                             rule: self.settings.defaultRule.render(name: container.serviceName, labels: container.labels), origin: origin)
        }
        return FlatConfiguration(keys.values)
    }

    /// Gives each load-balancer service without servers one: the container's address and port
    /// (`loadbalancer.server.port`/`scheme`/`url` labels choose them); adds the default service
    /// when the labels define none.
    private func services(_ proto: String, keys: inout FlatKeys, name: String, target: Target, field: String) throws(ConfigurationError) {
        var services = keys.names(proto, "services")
        if services.isEmpty { services = [name] }
        for service in services {
            let base = "\(proto).services.\(service)"
            let server = keys.removeAll(under: "\(base).loadBalancer.server")
            let others = keys.names(under: base)
            if others.contains(where: { $0.lowercased() != "loadbalancer" }) { continue }  // weighted, mirroring, failover
            if !keys.names(under: "\(base).loadBalancer.servers").isEmpty { continue }
            if let url = server["url"] {
                keys.set("\(base).loadBalancer.servers.0.\(field)", url)
            } else {
                let address = try target.address(port: server["port"], service: "\(proto).services.\(service)")
                let value = proto == "http" ? "\(server["scheme"] ?? "http")://\(address)" : address
                keys.set("\(base).loadBalancer.servers.0.\(field)", value)
            }
            for (key, value) in server where key != "port" && key != "scheme" && key != "url" {
                keys.set("\(base).loadBalancer.servers.0.\(key)", value)
            }
        }
    }

    /// Adds the default router when the labels define none, the default rule to routers
    /// without one (HTTP), and the service to routers without one when there is only one.
    private func routers(_ proto: String, keys: inout FlatKeys, name: String, rule: String?, origin: String) throws(ConfigurationError) {
        let services = keys.names(proto, "services")
        var routers = keys.names(proto, "routers")
        if routers.isEmpty {
            guard proto == "http" else { return }
            guard services.count <= 1 else {
                throw ConfigurationError(file: origin, key: "http.routers", line: nil,
                                         message: "the container has \(services.count) services and no router; add routers with a service each (traefik.http.routers.NAME.service)")
            }
            routers = [name]
        }
        for router in routers {
            let base = "\(proto).routers.\(router)"
            if let rule, keys.value(of: "\(base).rule") == nil { keys.set("\(base).rule", rule) }
            if keys.value(of: "\(base).service") == nil {
                guard services.count == 1 else {
                    throw ConfigurationError(file: origin, key: "\(base).service", line: nil,
                                             message: "the container has \(services.count) services; name this router's service with traefik.\(base).service")
                }
                keys.set("\(base).service", services[0])
            }
        }
    }

    /// Where the container's servers are reached.
    private struct Target {
        let container: DockerContainer
        let network: String?
        let settings: DockerProviderConfiguration
        let origin: String

        func address(port label: String?, service: String) throws(ConfigurationError) -> String {
            let container = self.container
            let port: Int
            if let label {
                guard let value = Int(label), (1...65535).contains(value) else {
                    throw ConfigurationError(file: self.origin, key: "\(service).loadBalancer.server.port", line: nil,
                                             message: "expected a port number, got '\(label)'")
                }
                port = value
            } else {
                guard let lowest = container.ports.map(\.privatePort).min() else {
                    throw ConfigurationError(file: self.origin, key: "\(service).loadBalancer.server.port", line: nil,
                                             message: "the container exposes no port; set the label traefik.\(service).loadbalancer.server.port")
                }
                port = lowest
            }
            if self.settings.useBindPortIP, let binding = container.ports.first(where: { $0.privatePort == port && $0.publicPort != nil }) {
                let host = binding.hostIP.flatMap { ["", "0.0.0.0", "::"].contains($0) ? nil : $0 } ?? "127.0.0.1"
                return HostPort(host: host, port: binding.publicPort!).description
            }
            if container.networkMode == "host" { return "127.0.0.1:\(port)" }
            let ip = self.network.flatMap { container.networks[$0] }
                ?? container.networks.sorted(by: { $0.key < $1.key }).map(\.value).first(where: { !$0.isEmpty })
            guard let ip, !ip.isEmpty else {
                throw ConfigurationError(file: self.origin, key: "\(service)", line: nil,
                                         message: "the container has no IP address on \(self.network.map { "network \($0)" } ?? "any network")")
            }
            return HostPort(host: ip, port: port).description
        }
    }
}
