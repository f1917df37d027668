import ArgumentParser
import Foundation
import TEEDaemon
import TEEModel

/// `tee-controller`: the control plane.
struct TeeControllerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tee-controller",
        abstract: "The tee controller: stores the cluster's configuration and streams it to proxies.",
        discussion: """
            Controllers never take user traffic. This release runs the daemon lifecycle only \
            (readiness, watchdog, reload, graceful stop); the cluster store and API arrive with \
            the control-plane release.
            """,
        version: TEEVersion.current
    )

    @OptionGroup
    var daemon: DaemonOptions

    func run() async throws {
        let daemon = Daemon(name: "tee-controller", options: self.daemon, environment: ProcessInfo.processInfo.environment)
        let exitCode = await daemon.run { _ in
            DaemonComponents(services: [], status: "Idle: no cluster configured", gracefulShutdownDeadline: .seconds(10))
        }
        if exitCode != .success { throw ExitCode(exitCode.rawValue) }
    }
}
