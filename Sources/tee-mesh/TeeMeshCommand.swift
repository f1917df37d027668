import ArgumentParser
import Foundation
import TEEDaemon
import TEEModel

/// `tee-mesh`: the per-host service mesh agent.
struct TeeMeshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tee-mesh",
        abstract: "The tee mesh agent: service-to-service traffic with mTLS, access control and traffic policy.",
        discussion: """
            One agent runs on each host. This release runs the daemon lifecycle only (readiness, \
            watchdog, reload, graceful stop); services and policy arrive with the mesh release.
            """,
        version: TEEVersion.current
    )

    @OptionGroup
    var daemon: DaemonOptions

    func run() async throws {
        let daemon = Daemon(name: "tee-mesh", options: self.daemon, environment: ProcessInfo.processInfo.environment)
        let exitCode = await daemon.run { _ in
            DaemonComponents(services: [], status: "Idle: no services registered", gracefulShutdownDeadline: .seconds(10))
        }
        if exitCode != .success { throw ExitCode(exitCode.rawValue) }
    }
}
