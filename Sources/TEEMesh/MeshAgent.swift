public import Logging
public import NIOCore
import NIOPosix
public import ServiceLifecycle
public import TEEModel
public import TEEProxy

/// The mesh agent of one node: its inter-agent mTLS port, its local listeners on the services'
/// virtual IPs, and the runtime they route with. `apply` builds a whole new runtime (issuing
/// certificates for services newly on this node) and swaps it in; a configuration that cannot
/// be put in service leaves the running one as it was.
public actor MeshAgent: Service {
    public nonisolated let state: MeshAgentState
    /// The runtime in service.
    public nonisolated var reference: MeshRuntimeReference { self.state.reference }
    public nonisolated let settings: MeshAgentSettings
    private let issuer: any MeshIdentityIssuer
    private let logger: Logger
    private let listeners: MeshListeners
    private let inbound: any Channel
    private var credentials: [MeshServiceIdentity: MeshServiceCredential] = [:]
    private var configuration: MeshConfiguration?

    /// Certificates are renewed when less than this is left of them.
    static let renewalMargin = Duration.seconds(24 * 3600)

    /// Binds the inter-agent port; local listeners follow with the first configuration. With
    /// `tracer`, requests through the agent get spans.
    public init(settings: MeshAgentSettings, issuer: any MeshIdentityIssuer, group: any EventLoopGroup, logger: Logger,
                tracer: (any RequestTracer)? = nil) async throws {
        self.state = MeshAgentState(tracer: tracer)
        self.settings = settings
        self.issuer = issuer
        self.logger = logger
        let state = self.state
        let reference = state.reference
        self.listeners = MeshListeners(group: group, state: state, logger: logger)
        do {
            self.inbound = try await ServerBootstrap(group: group)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .serverChannelOption(.backlog, value: 1_024)
                .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        guard let runtime = reference.current else { throw MeshError("no mesh configuration yet") }
                        try channel.pipeline.syncOperations.addHandler(InboundConnectionSetup(runtime: runtime, agent: state))
                    }
                }
                .bind(host: settings.listenHost, port: settings.listenPort).get()
        } catch {
            throw MeshError("cannot listen for other agents on \(settings.listenHost):\(settings.listenPort): \(error); "
                            + "free the port or give another as listen: in the agent's file")
        }
        logger.info("Listening for other agents (mTLS)", metadata: ["address": "\(settings.listenHost):\(settings.listenPort)"])
    }

    /// The inter-agent port actually bound (when 0 was asked for).
    public nonisolated var inboundPort: Int? { self.inbound.localAddress?.port }

    /// Puts `configuration` in service; returns a one-line status. Throws, keeping what runs, when
    /// a certificate for a service of this node cannot be had.
    @discardableResult
    public func apply(_ configuration: MeshConfiguration) async throws -> String {
        var credentials = self.credentials
        let local = configuration.services(on: self.settings.node)
        for service in local {
            if let held = credentials[service.identity], held.notValidAfter - .now > Self.renewalMargin { continue }
            do {
                credentials[service.identity] = try await self.issuer.credential(for: service.identity)
            } catch {
                throw MeshError("no certificate for \(service.identity): \(error)")
            }
        }
        let mine = Set(local.map(\.identity))
        credentials = credentials.filter { mine.contains($0.key) }
        let runtime = try MeshRuntime(configuration: configuration, settings: self.settings, credentials: credentials,
                                      trustRoots: self.issuer.trustRoots)
        self.reference.replace(with: runtime)
        self.credentials = credentials
        self.configuration = configuration
        let failures = await self.listeners.reconcile(with: runtime)
        let status = "\(configuration.services.count) services, \(mine.count) on this node, \(runtime.listeners.count - failures.count) listeners"
            + (failures.isEmpty ? "" : "; \(failures.count) failed: \(failures.joined(separator: "; "))")
        self.logger.notice("Mesh configuration in service", metadata: ["services": "\(configuration.services.count)", "local": "\(mine.count)",
                                                                       "failedListeners": "\(failures.count)"])
        return status
    }

    /// Renews certificates nearing expiry by applying the configuration in service again.
    func renewCertificates() async {
        guard let configuration = self.configuration,
              self.credentials.values.contains(where: { $0.notValidAfter - .now <= Self.renewalMargin }) else { return }
        do {
            try await self.apply(configuration)
            self.logger.info("Service certificates renewed")
        } catch {
            self.logger.error("Certificate renewal failed; retrying within the hour", metadata: ["error": "\(error)"])
        }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(3600))
                await self.renewCertificates()
            }
        }
        try? await self.inbound.close()
        await self.listeners.closeAll()
        self.logger.info("Mesh agent stopped")
    }
}
