public import TEEDaemon
import Foundation
import Logging
public import TEEModel

/// Starts `tee-proxy` in standalone mode from a static configuration file.
public struct ProxyDaemon: Sendable {
    /// The static configuration file (`--config`).
    public let configurationFile: String

    public init(configurationFile: String) {
        self.configurationFile = configurationFile
    }

    /// Reads and validates the static configuration; every problem is listed with file, key and line.
    public func loadConfiguration() throws(DaemonError) -> StaticConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: self.configurationFile, encoding: .utf8)
        } catch {
            throw DaemonError(.notConfigured, "\(self.configurationFile): cannot read the configuration file: \(error.localizedDescription)")
        }
        do {
            return try StaticConfigurationParser().parse(text, file: self.configurationFile)
        } catch {
            throw DaemonError(.notConfigured, "invalid configuration:\n\(error)")
        }
    }

    /// Binds every entry point and returns the services; called by ``Daemon`` before `READY=1`.
    public func start(_ context: DaemonContext) async throws -> DaemonComponents {
        let configuration = try self.loadConfiguration()
        guard !configuration.entryPoints.isEmpty else {
            throw DaemonError(.notConfigured, "\(self.configurationFile): no entryPoints are defined; add one such as entryPoints.web.address: \":80\"")
        }
        let graceTimeout = context.graceTimeoutOverride ?? configuration.longestGraceTimeout
        let server: ProxyServer
        do {
            server = try await ProxyServer.bind(
                configuration: configuration,
                activatedSockets: context.activatedSockets,
                group: context.eventLoopGroup,
                graceTimeout: graceTimeout,
                logger: context.logger
            )
        } catch let error as EntryPointBindError {
            throw DaemonError(error.isPermissionDenied ? .noPermission : .failure, "\(error)")
        }
        let running = configuration
        return DaemonComponents(
            services: [server],
            status: Self.status(running),
            gracefulShutdownDeadline: graceTimeout,
            reload: {
                let next = try self.loadConfiguration()
                if next.entryPoints != running.entryPoints {
                    context.logger.warning("Entry point changes take effect on restart (systemctl restart tee-proxy)")
                }
                return Self.status(running)
            }
        )
    }

    static func status(_ configuration: StaticConfiguration) -> String {
        let names = configuration.entryPoints.map(\.name).joined(separator: ", ")
        return "Serving \(configuration.entryPoints.count) entry point(s): \(names)"
    }
}
