public import Logging
public import ServiceLifecycle
import TEEDistribution
public import TEEModel

/// A clustered agent's link to the controllers: registers the agent's address, then takes the
/// mesh from the snapshot stream (acknowledging each snapshot, or rejecting it with the reason),
/// and keeps the last good one on disk to serve at start-up while no controller answers.
public struct MeshClusterService: Service {
    private let membership: ClusterMembershipConfiguration
    private let agent: MeshAgent
    private let controllerClient: MeshControllerClient
    private let advertise: MeshPeerAddress
    private let stateFile: SnapshotStateFile
    private let logger: Logger

    public init(membership: ClusterMembershipConfiguration, agent: MeshAgent, controllerClient: MeshControllerClient,
                advertise: MeshPeerAddress, logger: Logger) {
        self.membership = membership
        self.agent = agent
        self.controllerClient = controllerClient
        self.advertise = advertise
        self.stateFile = SnapshotStateFile(directory: membership.stateDirectory)
        self.logger = logger
    }

    /// Puts the saved snapshot in service, if there is one; returns the status line.
    public func restoreSaved() async -> String {
        guard let saved = self.stateFile.load() else { return "Waiting for the controllers: no saved mesh configuration" }
        do {
            let status = try await self.agent.apply(try saved.loadMesh())
            self.logger.notice("Serving the saved mesh configuration until a controller answers", metadata: ["version": "\(saved.version)"])
            return status
        } catch {
            self.logger.error("The saved mesh configuration does not load", metadata: ["path": "\(self.stateFile.path)", "error": "\(error)"])
            return "Waiting for the controllers: the saved configuration does not load"
        }
    }

    public func run() async throws {
        let membership = self.membership
        let applied = AppliedVersion()
        let tls = membership.caFile.flatMap { ca in
            membership.certFile.flatMap { cert in membership.keyFile.map { DistributionTLS(caFile: ca, certFile: cert, keyFile: $0) } }
        }
        let client = DistributionClient(controllers: membership.controllers, tls: tls, logger: self.logger) {
            NodeHello(nodeName: membership.nodeName, role: "mesh", appliedVersion: applied.get(), softwareVersion: TEEVersion.current)
        }
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask { await self.registerAddress() }
                group.addTask {
                    await client.run { snapshot in
                        do {
                            try await self.agent.apply(try snapshot.loadMesh())
                        } catch {
                            self.logger.error("Mesh snapshot rejected; the previous configuration stays in service",
                                              metadata: ["version": "\(snapshot.version)", "error": "\(error)"])
                            return "\(error)"
                        }
                        applied.set(snapshot.version)
                        do {
                            try self.stateFile.save(snapshot)
                        } catch {
                            self.logger.warning("Mesh snapshot in service but not saved", metadata: ["path": "\(self.stateFile.path)", "error": "\(error)"])
                        }
                        self.logger.info("Mesh snapshot applied", metadata: ["version": "\(snapshot.version)"])
                        return nil
                    }
                }
            }
        }
        await self.controllerClient.shutdown()
    }

    /// Registers the agent's address, retrying until a controller takes it.
    private func registerAddress() async {
        var pause = Duration.seconds(1)
        while !Task.isCancelled {
            do {
                try await self.controllerClient.register(node: self.membership.nodeName, address: self.advertise)
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
