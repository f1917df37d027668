public import Logging
public import TEEModel

/// A node that follows the controllers' snapshots (a proxy, a mesh agent): puts each snapshot in
/// service with `apply`, acknowledges it (or rejects it with the reason, the previous one staying
/// in service), and keeps the last good one on disk to serve at start-up while no controller answers.
public struct SnapshotFollower: Sendable {
    public let membership: ClusterMembershipConfiguration
    /// `proxy` or `mesh`, as the node greets the controllers.
    public let role: String
    /// What the node calls the configuration in its log ("snapshot", "mesh snapshot").
    private let what: String
    private let stateFile: SnapshotStateFile
    private let applied = AppliedVersion()
    private let logger: Logger

    public init(membership: ClusterMembershipConfiguration, role: String, what: String, logger: Logger) {
        self.membership = membership
        self.role = role
        self.what = what
        self.stateFile = SnapshotStateFile(directory: membership.stateDirectory)
        self.logger = logger
    }

    /// Puts the saved snapshot in service; false when there is none or it does not load (logged).
    public func restoreSaved(apply: (ConfigurationSnapshot) async throws -> Void) async -> Bool {
        guard let saved = self.stateFile.load() else {
            self.logger.notice("No saved \(self.what); waiting for a controller to send one", metadata: ["path": "\(self.stateFile.path)"])
            return false
        }
        do {
            try await apply(saved)
        } catch {
            self.logger.error("The saved \(self.what) does not load", metadata: ["path": "\(self.stateFile.path)", "error": "\(error)"])
            return false
        }
        self.applied.set(saved.version)
        self.logger.notice("Serving the saved \(self.what) until a controller answers", metadata: ["version": "\(saved.version)"])
        return true
    }

    /// Follows the stream until cancelled; `traffic`, when given, is reported to the controller every few seconds.
    public func run(traffic: (@Sendable () -> TrafficSample)? = nil, demand: DemandSharing? = nil, apply: @escaping @Sendable (ConfigurationSnapshot) async throws -> Void) async {
        let membership = self.membership
        var tls: DistributionTLS?
        if let ca = membership.caFile, let cert = membership.certFile, let key = membership.keyFile {
            tls = DistributionTLS(caFile: ca, certFile: cert, keyFile: key)
        }
        let (applied, role) = (self.applied, self.role)
        let client = DistributionClient(controllers: membership.controllers, tls: tls, logger: self.logger, traffic: traffic,
                                        demand: demand) {
            NodeHello(nodeName: membership.nodeName, role: role, appliedVersion: applied.get(), softwareVersion: TEEVersion.current)
        }
        await client.run { snapshot in
            do {
                try await apply(snapshot)
            } catch {
                self.logger.error("\(self.what.prefix(1).uppercased() + self.what.dropFirst()) rejected; the previous one stays in service",
                                  metadata: ["version": "\(snapshot.version)", "error": "\(error)"])
                return "\(error)"
            }
            applied.set(snapshot.version)
            do {
                try self.stateFile.save(snapshot)
            } catch {
                self.logger.warning("\(self.what) in service but not saved", metadata: ["path": "\(self.stateFile.path)", "error": "\(error)"])
            }
            self.logger.info("\(self.what.prefix(1).uppercased() + self.what.dropFirst()) applied", metadata: ["version": "\(snapshot.version)"])
            return nil
        }
    }
}
