public import Logging
public import ServiceLifecycle
import TEEDistribution
public import TEEModel

/// A clustered agent's link to the controllers: registers the agent's address, then takes the
/// mesh from the snapshot stream (acknowledging each snapshot, or rejecting it with the reason),
/// and keeps the last good one on disk to serve at start-up while no controller answers.
public struct MeshClusterService: Service {
    private let follower: SnapshotFollower
    private let agent: MeshAgent
    private let controllerClient: MeshControllerClient
    private let advertise: HostPort
    private let logger: Logger

    public init(membership: ClusterMembershipConfiguration, agent: MeshAgent, controllerClient: MeshControllerClient,
                advertise: HostPort, logger: Logger) {
        self.follower = SnapshotFollower(membership: membership, role: "mesh", what: "mesh snapshot", logger: logger)
        self.agent = agent
        self.controllerClient = controllerClient
        self.advertise = advertise
        self.logger = logger
    }

    /// Puts the saved snapshot in service, if there is one; returns the status line.
    public func restoreSaved() async -> String {
        let agent = self.agent
        let restored = await self.follower.restoreSaved { snapshot in try await agent.apply(try snapshot.loadMesh()) }
        return restored ? "Serving the saved mesh configuration" : "Waiting for the controllers: no saved mesh configuration"
    }

    public func run() async throws {
        let agent = self.agent
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.registerAddress() }
                group.addTask { await self.follower.run { snapshot in try await agent.apply(try snapshot.loadMesh()) } }
            }
        }
        await self.controllerClient.shutdown()
    }

    /// Registers the agent's address, retrying until a controller takes it.
    private func registerAddress() async {
        var pause = Duration.seconds(1)
        while !Task.isCancelled {
            do {
                try await self.controllerClient.register(node: self.follower.membership.nodeName, address: self.advertise)
                self.logger.info("Registered with the controllers", metadata: ["address": "\(self.advertise)"])
                return
            } catch {
                self.logger.warning("Cannot register with the controllers yet; retrying", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(30))
            }
        }
    }
}
