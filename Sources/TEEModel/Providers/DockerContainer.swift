/// What the Docker provider knows of a container, from the engine's inspect answer.
public struct DockerContainer: Sendable, Equatable {
    /// A port the container exposes, and where the host publishes it.
    public struct Port: Sendable, Equatable {
        public var privatePort: Int
        public var proto: String
        public var hostIP: String?
        public var publicPort: Int?

        public init(privatePort: Int, proto: String = "tcp", hostIP: String? = nil, publicPort: Int? = nil) {
            self.privatePort = privatePort
            self.proto = proto
            self.hostIP = hostIP
            self.publicPort = publicPort
        }
    }

    public var id: String
    /// The name without Docker's leading `/`.
    public var name: String
    public var labels: [String: String]
    public var running: Bool
    /// The health check's state (`healthy`, `unhealthy`, `starting`); empty without one.
    public var health: String
    /// Each network's name and the container's address on it.
    public var networks: [String: String]
    /// `host` for a container on the host's network.
    public var networkMode: String
    public var ports: [Port]

    public init(id: String, name: String, labels: [String: String] = [:], running: Bool = true, health: String = "",
                networks: [String: String] = [:], networkMode: String = "", ports: [Port] = []) {
        self.id = id
        self.name = name.hasPrefix("/") ? String(name.dropFirst()) : name
        self.labels = labels
        self.running = running
        self.health = health
        self.networks = networks
        self.networkMode = networkMode
        self.ports = ports
    }

    /// The name objects are given (`.Name` of `defaultRule`): Compose's `service_project`, or the container's name.
    public var serviceName: String {
        if let service = self.labels["com.docker.compose.service"], let project = self.labels["com.docker.compose.project"] {
            return "\(service)_\(project)"
        }
        return self.name
    }
}
