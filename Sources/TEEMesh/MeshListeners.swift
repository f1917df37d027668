import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization
import TEEModel

/// The agent's local listeners: one per service virtual IP and port, and one per explicit
/// upstream. Reconciled with each new runtime: listeners no longer wanted close, new ones bind.
/// A listener that cannot bind disables only its service, and the log says why.
final class MeshListeners: Sendable {
    private let group: any EventLoopGroup
    private let state: MeshAgentState
    private let logger: Logger
    private let bound = Mutex<[MeshListenerSpec: any Channel]>([:])

    init(group: any EventLoopGroup, state: MeshAgentState, logger: Logger) {
        self.group = group
        self.state = state
        self.logger = logger
    }

    /// Binds what `runtime` needs and closes what it no longer does; returns the specs that failed to bind, with why.
    func reconcile(with runtime: MeshRuntime) async -> [String] {
        let wanted = Set(runtime.listeners)
        let stale = self.bound.withLock { bound in
            let stale = bound.filter { !wanted.contains($0.key) }
            for key in stale.keys { bound[key] = nil }
            return Array(stale.values)
        }
        for channel in stale { try? await channel.close() }
        let missing = wanted.subtracting(self.bound.withLock { Set($0.keys) })
        var failures: [String] = []
        for spec in missing.sorted(by: { $0.address.description < $1.address.description }) {
            do {
                let channel = try await self.bind(spec)
                self.bound.withLock { $0[spec] = channel }
            } catch {
                let reason = "cannot listen on \(spec.address) for \(spec.service): \(error)"
                self.logger.error("Service disabled on this node", metadata: ["service": "\(spec.service)", "address": "\(spec.address)", "error": "\(error)"])
                failures.append(reason)
            }
        }
        return failures
    }

    /// Closes every listener.
    func closeAll() async {
        let channels = self.bound.withLock { bound in
            defer { bound = [:] }
            return Array(bound.values)
        }
        for channel in channels { try? await channel.close() }
    }

    private func bind(_ spec: MeshListenerSpec) async throws -> any Channel {
        try await ServerBootstrap(group: self.group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 1_024)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { [state] channel in
                channel.eventLoop.makeCompletedFuture {
                    guard let runtime = state.reference.current else { throw MeshError("no mesh configuration yet") }
                    try Self.setUp(channel, spec: spec, runtime: runtime, state: state)
                }
            }
            .bind(host: spec.address.host, port: spec.address.port).get()
    }

    /// Sets up a local client's connection: the client's uid names its service, then HTTP
    /// requests or a TCP stream go on to the destination's agent.
    private static func setUp(_ channel: any Channel, spec: MeshListenerSpec, runtime: MeshRuntime, state: MeshAgentState) throws {
        let uid = Self.uid(of: channel)
        switch spec.serviceProtocol {
        case .http:
            try channel.pipeline.syncOperations.configureHTTPServerPipeline(withPipeliningAssistance: false, withErrorHandling: true)
            try channel.pipeline.syncOperations.addHandler(NIOHTTPServerRequestAggregator(maxContentLength: MeshConnectionPool.maximumResponseBytes))
            try channel.pipeline.syncOperations.addHandler(MeshRequestSequencer())
            try channel.pipeline.syncOperations.addHandler(OutboundHTTPHandler(uid: uid, listenerService: spec.service,
                                                                               reference: state.reference, forwarder: state.forwarder))
        case .tcp:
            guard let source = uid.flatMap(runtime.localIdentity(ofUID:)) else {
                state.metrics.record(direction: "outbound", source: nil, destination: spec.service, code: "denied", duration: .zero)
                throw MeshError("uid \(uid.map(String.init) ?? "?") runs no service registered on this node")
            }
            let started = ContinuousClock.now
            let bridge = MeshTCPBridge(connect: { eventLoop in
                state.forwarder.connect(from: source, to: spec.service, runtime: runtime, on: eventLoop).map { channel, destination in
                    state.metrics.record(direction: "outbound", source: source, destination: destination, code: "tcp", duration: .now - started)
                    return channel
                }
            })
            try channel.pipeline.syncOperations.addHandler(bridge)
        }
    }

    /// The uid of the process at the other end of an accepted loopback connection.
    static func uid(of channel: any Channel) -> UInt32? {
        guard let remote = channel.remoteAddress, let local = channel.localAddress,
              let client = remote.ipAddress.flatMap({ TCPEndpoint(address: $0, port: remote.port ?? -1) }),
              let server = local.ipAddress.flatMap({ TCPEndpoint(address: $0, port: local.port ?? -1) }),
              let table = try? TCPSocketTable.current() else { return nil }
        return table.owner(ofClient: client, connectedTo: server)
    }
}
