public import NIOSSL
public import TEEModel

/// Everything an agent routes with, built whole from one mesh configuration and swapped
/// atomically on reload: the services' virtual IPs and names, this node's instances, the TLS
/// contexts of its services' identities, and where the other agents are.
public final class MeshRuntime: Sendable {
    public let configuration: MeshConfiguration
    public let settings: MeshAgentSettings
    /// Each service's virtual IP in 127.77.0.0/16.
    public let virtualIPs: [MeshServiceIdentity: String]
    /// Services by the names clients use in `Host`: `name.namespace.mesh`, and the virtual IP.
    let servicesByHost: [String: MeshServiceIdentity]
    /// This node's instance of each service that has one.
    let localInstances: [MeshServiceIdentity: MeshServiceInstance]
    /// The service each local uid runs (uids that run several services on this node are left out: they cannot be told apart).
    private let localIdentities: [UInt32: MeshServiceIdentity]
    /// TLS server contexts of this node's services, by their `.mesh` name (the SNI peers send).
    let serverContexts: [String: (service: MeshServiceIdentity, context: NIOSSLContext)]
    /// TLS client contexts presenting each of this node's services' identities.
    let clientContexts: [MeshServiceIdentity: NIOSSLContext]
    /// Whether any route group matches on headers (else requests' headers are not collected for policy).
    let policyReadsHeaders: Bool
    /// Where each other node's agent is: the agent's file's peers, else the address the agent registered.
    private let peers: [String: HostPort]

    /// Builds the runtime; `credentials` holds a certificate for every service with an instance on this node.
    public init(configuration: MeshConfiguration, settings: MeshAgentSettings, credentials: [MeshServiceIdentity: MeshServiceCredential],
                trustRoots: [NIOSSLCertificate]) throws {
        self.configuration = configuration
        self.settings = settings
        // The controllers' addresses first; services without one (standalone) are allocated in a
        // fixed order, so every agent with the same file computes the same addresses.
        let registered = Set(configuration.services.map(\.identity))
        var allocator = VirtualIPAllocator(assigned: configuration.virtualIPs.filter { registered.contains($0.key) })
        var virtualIPs: [MeshServiceIdentity: String] = [:]
        var byHost: [String: MeshServiceIdentity] = [:]
        for service in configuration.services.sorted(by: { $0.identity.description < $1.identity.description }) {
            guard let address = allocator.address(for: service.identity) else { continue }
            virtualIPs[service.identity] = address
            byHost[service.identity.dnsName] = service.identity
            byHost[address] = service.identity
        }
        self.virtualIPs = virtualIPs
        self.servicesByHost = byHost
        var local: [MeshServiceIdentity: MeshServiceInstance] = [:]
        for service in configuration.services(on: settings.node) {
            local[service.identity] = service.instances.first { $0.node == settings.node }
        }
        self.localInstances = local
        var identities: [UInt32: MeshServiceIdentity] = [:]
        for instance in local.values where configuration.identity(ofUID: instance.uid, on: settings.node) != nil {
            identities[instance.uid] = instance.service
        }
        self.localIdentities = identities
        var servers: [String: (service: MeshServiceIdentity, context: NIOSSLContext)] = [:]
        var clients: [MeshServiceIdentity: NIOSSLContext] = [:]
        for identity in local.keys {
            guard let credential = credentials[identity] else { throw MeshError("no certificate for \(identity), which runs on this node") }
            var server = TLSConfiguration.makeServerConfiguration(certificateChain: credential.certificateChain.map { .certificate($0) },
                                                                  privateKey: .privateKey(credential.privateKey))
            server.minimumTLSVersion = .tlsv13
            server.trustRoots = .certificates(trustRoots)
            server.certificateVerification = .noHostnameVerification  // a client certificate from the CA is required
            servers[identity.dnsName] = (identity, try NIOSSLContext(configuration: server))
            var client = TLSConfiguration.makeClientConfiguration()
            client.minimumTLSVersion = .tlsv13
            client.trustRoots = .certificates(trustRoots)
            client.certificateVerification = .fullVerification  // the server must be the service asked for
            client.certificateChain = credential.certificateChain.map { .certificate($0) }
            client.privateKey = .privateKey(credential.privateKey)
            clients[identity] = try NIOSSLContext(configuration: client)
        }
        self.serverContexts = servers
        self.clientContexts = clients
        self.policyReadsHeaders = configuration.httpRouteGroups.contains { $0.matches.contains { !$0.headers.isEmpty } }
        self.peers = configuration.agents.compactMapValues { HostPort(parsing: $0) }.merging(settings.peers) { _, configured in configured }
    }

    /// The service a request's `Host` (with or without a port) names, if it is a mesh service.
    func service(forHost host: String) -> MeshServiceIdentity? {
        var name = Substring(host.lowercased())
        if let colon = name.lastIndex(of: ":"), !name.hasSuffix("]") { name = name[..<colon] }
        if name.hasSuffix(".") { name = name.dropLast() }
        return self.servicesByHost[String(name)]
    }

    /// The service a local client running as `uid` speaks for, if the mesh says.
    func localIdentity(ofUID uid: UInt32) -> MeshServiceIdentity? {
        self.localIdentities[uid]
    }

    /// The virtual IP of the service a lower-case `.mesh` name names, for the DNS responder.
    public func virtualIP(forName name: String) -> String? {
        self.servicesByHost[name].flatMap { self.virtualIPs[$0] }
    }

    /// The inter-agent address of `node`'s agent.
    func agentAddress(of node: String) -> HostPort? {
        if node == self.settings.node { return self.settings.ownAddress }
        return self.peers[node]
    }

    /// The listeners this runtime needs: every service's `VIP:port`, and the explicit upstreams.
    var listeners: [MeshListenerSpec] {
        let services = self.configuration.services.compactMap { service in
            self.virtualIPs[service.identity].map {
                MeshListenerSpec(address: HostPort(host: $0, port: service.port), service: service.identity, serviceProtocol: service.serviceProtocol)
            }
        }
        let upstreams = self.settings.upstreams.compactMap { upstream in
            self.configuration.service(upstream.service).map {
                MeshListenerSpec(address: upstream.listen, service: upstream.service, serviceProtocol: $0.serviceProtocol)
            }
        }
        return services + upstreams
    }
}
