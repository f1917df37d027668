import ArgumentParser
import Foundation
import TEEController
import TEEDaemon
import TEEDistribution
import TEEModel
import TEEOpenTelemetry
import TEEStore

/// `tee-controller`: the control plane.
struct TeeControllerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tee-controller",
        abstract: "The tee controller: stores the cluster's configuration and streams it to proxies.",
        discussion: """
            Controllers never take user traffic. Each talks to its local etcd member (tee-etcd), \
            campaigns for leadership (the leader compiles configuration into versioned snapshots), \
            serves the REST API and streams snapshots to proxies over mutual TLS.
            """,
        version: TEEVersion.current
    )

    @OptionGroup
    var daemon: DaemonOptions

    @Option(help: "This controller's node name (default: the host name).")
    var name: String?

    @Option(help: "The local etcd member's client URL.")
    var etcd: String = "http://127.0.0.1:2479"

    @Option(help: "The cluster CA certificate (PEM) that etcd's and the nodes' certificates chain to.")
    var caFile: String?

    @Option(help: "This controller's certificate (PEM), for etcd and for the snapshot stream.")
    var certFile: String?

    @Option(help: "This controller's private key (PEM).")
    var keyFile: String?

    @Option(help: "The API's unix socket.")
    var apiSocket: String = "/run/tee/controller.sock"

    @Option(help: "The API's TCP address (HOST:PORT), also the dashboard's; empty for none. HTTPS with --cert-file, else plain HTTP for loopback clients only.")
    var apiAddress: String = "127.0.0.1:7440"

    @Option(help: "Where proxies connect for their snapshot stream (HOST:PORT).")
    var distributionAddress: String = "0.0.0.0:7441"

    @Option(help: "The file provider's directory, in Traefik's dynamic format; empty for none.")
    var dynamicDirectory: String = "/etc/tee/dynamic.d"

    @Option(help: "Seconds a failed leader keeps the role before another takes over (at least 2).")
    var leaderLeaseTtl: Int64 = 3

    @Option(help: "The cluster's data key (32 bytes, base64), which seals stored private keys; empty for none.")
    var dataKeyFile: String = "/etc/tee/pki/data.key"

    @Option(help: "The cluster CA's private key, to sign the certificates of joining nodes; empty for none.")
    var caKeyFile: String = "/etc/tee/pki/ca.key"

    @Option(help: "A static file in Traefik's format whose certificatesResolvers the leader obtains certificates with, whose providers (docker, redis, etcd, zooKeeper, http) the leader watches, and whose log.otlp also sends this controller's log to an OTLP collector; used when it exists, empty for none.")
    var staticConfig: String = "/etc/tee/static.yaml"

    func run() async throws {
        var configured = try self.settings()
        let file = try self.staticFile()
        if let file {
            configured.certificateResolvers = file.certificateResolvers
            configured.providers = file.providers
        }
        let settings = configured
        let logExport: LogExport?
        do {
            logExport = try OTLPLogsBackend.daemonLog(file?.logOTLP, program: "tee-controller")
        } catch {
            throw ValidationError("--static-config: \(error)")
        }
        let daemon = Daemon(name: "tee-controller", options: self.daemon, environment: ProcessInfo.processInfo.environment,
                            logExport: logExport)
        let exitCode = await daemon.run { context in try await ControllerDaemon(settings: settings).start(context) }
        if exitCode != .success { throw ExitCode(exitCode.rawValue) }
    }

    /// `--static-config` (its `certificatesResolvers` and `providers`), nil without one; a file that
    /// does not parse stops the start, naming key and line.
    private func staticFile() throws -> StaticConfiguration? {
        guard !self.staticConfig.isEmpty, FileManager.default.fileExists(atPath: self.staticConfig) else { return nil }
        do {
            let text = try String(contentsOfFile: self.staticConfig, encoding: .utf8)
            return try StaticConfigurationParser().parse(text, file: self.staticConfig)
        } catch {
            throw ValidationError("--static-config: \(error)")
        }
    }

    private func settings() throws -> ControllerSettings {
        guard let etcd = EtcdEndpoint(url: self.etcd) else {
            throw ValidationError("--etcd \(self.etcd): give the member's client URL, such as http://127.0.0.1:2479")
        }
        guard let distribution = HostPort(parsing: self.distributionAddress) else {
            throw ValidationError("--distribution-address \(self.distributionAddress): give HOST:PORT, such as 0.0.0.0:7441")
        }
        let api = self.apiAddress.isEmpty ? nil : HostPort(parsing: self.apiAddress)
        if !self.apiAddress.isEmpty && api == nil {
            throw ValidationError("--api-address \(self.apiAddress): give HOST:PORT, such as 127.0.0.1:7440")
        }
        guard self.leaderLeaseTtl >= 2 else { throw ValidationError("--leader-lease-ttl must be at least 2 (etcd's minimum lease)") }
        let files = [self.caFile, self.certFile, self.keyFile]
        guard files.allSatisfy({ $0 == nil }) || files.allSatisfy({ $0 != nil }) else {
            throw ValidationError("give --ca-file, --cert-file and --key-file together (or none, for plain connections on loopback)")
        }
        var etcdTLS: EtcdTLS?
        var distributionTLS: DistributionTLS?
        if let ca = self.caFile, let cert = self.certFile, let key = self.keyFile {
            for file in [ca, cert, key] where !FileManager.default.isReadableFile(atPath: file) {
                throw ValidationError("\(file): cannot read it; teeadm init writes the node's certificates under /etc/tee/pki")
            }
            if etcd.usesTLS { etcdTLS = EtcdTLS(caFile: ca, certFile: cert, keyFile: key) }
            distributionTLS = DistributionTLS(caFile: ca, certFile: cert, keyFile: key)
        }
        var isDirectory: ObjCBool = false
        let directory = !self.dynamicDirectory.isEmpty
            && FileManager.default.fileExists(atPath: self.dynamicDirectory, isDirectory: &isDirectory) && isDirectory.boolValue
            ? self.dynamicDirectory : nil
        let name = self.name ?? ProcessInfo.processInfo.hostName.split(separator: ".").first.map { $0.lowercased() } ?? "controller"
        return ControllerSettings(name: name, etcd: etcd, etcdTLS: etcdTLS,
                                  apiSocket: self.apiSocket.isEmpty ? nil : self.apiSocket, apiAddress: api,
                                  distributionAddress: distribution, distributionTLS: distributionTLS,
                                  dynamicDirectory: directory, leaderLeaseTTL: self.leaderLeaseTtl,
                                  dataKeyFile: self.dataKeyFile.isEmpty || !FileManager.default.fileExists(atPath: self.dataKeyFile)
                                      ? nil : self.dataKeyFile,
                                  caKeyFile: self.caKeyFile.isEmpty || !FileManager.default.fileExists(atPath: self.caKeyFile)
                                      || distributionTLS == nil ? nil : self.caKeyFile)
    }
}
