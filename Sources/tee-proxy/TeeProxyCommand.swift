import ArgumentParser
import Foundation
import TEEDaemon
import TEEModel
import TEEProxyServer
import TEEOpenTelemetry

/// `tee-proxy`: the data plane.
struct TeeProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tee-proxy",
        abstract: "The tee ingress proxy: routes HTTP requests with Traefik-compatible configuration.",
        discussion: """
            Runs standalone with a static configuration file in Traefik's format (entryPoints, \
            providers, ping, accessLog, metrics, tracing, api, log, certificatesResolvers; see \
            tee.yaml(5)) and the dynamic configuration of the file \
            provider. Under systemd it reports readiness (Type=notify), pings the watchdog, takes \
            its listening sockets from socket units by name (FileDescriptorName= equal to the entry \
            point's name, as in tee-proxy.socket), reloads on SIGHUP or when watched files change, \
            and drains on SIGTERM.
            """,
        version: TEEVersion.current
    )

    @Option(name: .shortAndLong, help: "The static configuration file.")
    var config: String = "/etc/tee/proxy.yaml"

    @Flag(help: "Validate the configuration, print every problem with file, key and line (and a warning for each Traefik key tee ignores), and exit.")
    var check = false

    @OptionGroup
    var daemon: DaemonOptions

    func run() async throws {
        let proxy = ProxyDaemon(configurationFile: self.config)
        if self.check {
            let problems = proxy.check()
            guard problems.isEmpty else {
                FileHandle.standardError.write(Data((problems.joined(separator: "\n") + "\n").utf8))
                throw ExitCode(DaemonExitCode.notConfigured.rawValue)
            }
            for warning in proxy.warnings() {
                FileHandle.standardError.write(Data("warning: \(warning)\n".utf8))
            }
            print("\(self.config): configuration is valid")
            return
        }
        // `log.level` in the static file applies unless --log-level says otherwise.
        var options = self.daemon
        let configuration = try? proxy.loadConfiguration()
        if options.logLevel == nil, let name = configuration?.logLevel {
            options.logLevel = TraefikLogLevel.level(named: name)
        }
        // `log.otlp`: the log also goes to an OTLP collector.
        let logExport: LogExport?
        do {
            logExport = try OTLPLogsBackend.daemonLog(configuration?.logOTLP, program: "tee-proxy")
        } catch {
            FileHandle.standardError.write(Data("\(self.config): \(error)\n".utf8))
            throw ExitCode(DaemonExitCode.notConfigured.rawValue)
        }
        let daemon = Daemon(name: "tee-proxy", options: options, environment: ProcessInfo.processInfo.environment, logExport: logExport)
        let exitCode = await daemon.run { context in try await proxy.start(context) }
        if exitCode != .success { throw ExitCode(exitCode.rawValue) }
    }
}
