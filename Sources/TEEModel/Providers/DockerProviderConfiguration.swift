/// `providers.docker`: containers' `traefik.*` labels become routers, services and middlewares.
public struct DockerProviderConfiguration: Sendable, Equatable {
    /// `unix:///var/run/docker.sock` or `tcp://host:port`.
    public var endpoint = "unix:///var/run/docker.sock"
    /// Without `traefik.enable=true`, a container is routed only when this is true.
    public var exposedByDefault = true
    /// Which containers count: `Label(`key`, `value`)`, `LabelRegex(...)`, with `&&`, `||`, `!`.
    public var constraints: LabelConstraints?
    /// The rule of a router that names none (a Go template of `.Name` and `.Labels`).
    public var defaultRule = DefaultRuleTemplate.docker
    /// The network whose address backends get; a container's `traefik.docker.network` label wins.
    public var network: String?
    /// Follow the engine's events; without it the containers are read once.
    public var watch = true
    /// Use the host address and port a container's port is published on.
    public var useBindPortIP = false
    public var tls: ProviderTLSConfiguration?
    /// How long a request to the engine may take (the event stream excepted).
    public var httpClientTimeout: Duration = .seconds(32)

    public init() {}

    static func parse(_ node: ConfigNode) throws(ConfigurationError) -> DockerProviderConfiguration {
        var docker = DockerProviderConfiguration()
        if let endpoint = try node.child("endpoint") {
            docker.endpoint = try endpoint.string()
            guard docker.endpoint.hasPrefix("unix://") || docker.endpoint.hasPrefix("tcp://")
                || docker.endpoint.hasPrefix("http://") || docker.endpoint.hasPrefix("https://") else {
                throw endpoint.error("expected unix:///PATH or tcp://HOST:PORT, got '\(docker.endpoint)'")
            }
        }
        docker.exposedByDefault = try node.child("exposedByDefault")?.bool() ?? true
        if let constraints = try node.child("constraints") {
            let text = try constraints.string()
            do {
                docker.constraints = try LabelConstraints(text)
            } catch {
                throw constraints.error("\(error); write constraints such as Label(`team`, `web`) && !LabelRegex(`env`, `dev.*`)")
            }
        }
        if let rule = try node.child("defaultRule") {
            docker.defaultRule = try DefaultRuleTemplate.parse(rule)
        }
        docker.network = try node.child("network")?.string()
        docker.watch = try node.child("watch")?.bool() ?? true
        docker.useBindPortIP = try node.child("useBindPortIP")?.bool() ?? false
        if let tls = try node.child("tls") { docker.tls = try ProviderTLSConfiguration.parse(tls) }
        docker.httpClientTimeout = try node.child("httpClientTimeout")?.duration() ?? .seconds(32)
        return docker
    }
}
