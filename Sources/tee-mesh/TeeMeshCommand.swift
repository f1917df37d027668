import ArgumentParser
import Foundation
import ServiceLifecycle
import TEEDaemon
import TEEMesh
import TEEModel
import TEEPKI
import TEEOpenTelemetry
import SwiftASN1
import X509

/// `tee-mesh`: the per-host service mesh agent.
struct TeeMeshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tee-mesh",
        abstract: "The tee mesh agent: service-to-service traffic with mTLS, access control and traffic policy.",
        discussion: """
            One agent runs on each host. Local clients reach a service at <service>.<namespace>.mesh \
            (the agent's DNS responder answers with the service's virtual IP in 127.77.0.0/16, where the \
            agent listens) or at an explicit upstream on 127.0.0.1. The agent knows a client's service by \
            the uid of the connecting process, and carries the request over mTLS to the agent of the \
            instance's node, which enforces the TrafficTargets (deny by default) and rate limits. See \
            tee(7), MESH, for the design and systemd-resolved's setup, and tee.yaml(5) for the objects.

            The agent's file (--config, YAML): node (default: the cluster's name for it, else the host \
            name); listen (HOST:PORT for other agents, default 0.0.0.0:4243); advertise (where other \
            agents reach this one); peers (node: HOST:PORT, for agents the controllers do not list); \
            dns (HOST:PORT of the responder, none if absent); metrics (HOST:PORT of /metrics); upstreams \
            (a list of [HOST:]PORT=SERVICE.NAMESPACE); tracing (OpenTelemetry spans of the requests \
            through the agent, the proxy's tracing keys: see tee.yaml(5)); log.otlp (the agent's log \
            also to an OTLP collector, as the proxy's); and where the mesh comes from: cluster (as teeadm \
            join --role mesh writes it, with controllerAPI, the controllers' API addresses that sign the \
            services' certificates), or standalone: {meshFile, caCertFile, caKeyFile} with clusterName \
            (the SPIFFE trust domain), re-read on SIGHUP (systemctl reload).
            """,
        version: TEEVersion.current
    )

    @Option(name: .shortAndLong, help: "The agent's configuration file.")
    var config: String = "/etc/tee/mesh.yaml"

    @Flag(help: "Check the agent's file and the mesh file, print every problem with file, key and line, and exit.")
    var check = false

    @OptionGroup
    var daemon: DaemonOptions

    func run() async throws {
        let agentFile: MeshAgentConfiguration
        do {
            agentFile = try MeshAgentConfiguration.parse(try Self.read(self.config), file: self.config,
                                                         hostName: ProcessInfo.processInfo.hostName.lowercased())
            if let meshFile = agentFile.meshFile { _ = try MeshConfigurationParser().parse(try Self.read(meshFile), file: meshFile) }
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(6)  // systemd's "not configured": Restart= does not loop on it
        }
        if self.check {
            print("\(self.config): OK")
            return
        }
        let logExport: LogExport?
        do {
            logExport = try OTLPLogsBackend.daemonLog(agentFile.logOTLP, program: "tee-mesh")
        } catch {
            FileHandle.standardError.write(Data("\(self.config): \(error)\n".utf8))
            throw ExitCode(6)
        }
        let daemon = Daemon(name: "tee-mesh", options: self.daemon, environment: ProcessInfo.processInfo.environment, logExport: logExport)
        let exitCode = await daemon.run { context in
            let logger = context.logger
            let tracing = try Self.tracing(agentFile, file: self.config, context: context)
            if let membership = agentFile.cluster {
                return try await Self.startInCluster(agentFile, membership: membership, tracing: tracing, context: context)
            }
            guard let meshFile = agentFile.meshFile, let caCert = agentFile.caCertFile, let caKey = agentFile.caKeyFile else {
                throw DaemonError(.notConfigured, "\(self.config): give standalone: {meshFile, caCertFile, caKeyFile}, or cluster:")
            }
            let issuer: LocalCAIdentityIssuer
            do {
                issuer = try LocalCAIdentityIssuer(ca: ClusterCA(certificatePEM: try Self.read(caCert), keyPEM: try Self.read(caKey)),
                                                   clusterName: agentFile.settings.clusterName)
            } catch {
                throw DaemonError(.notConfigured, "\(self.config): the CA in \(caCert) and \(caKey) does not load: \(error)")
            }
            let agent = try await MeshAgent(settings: agentFile.settings, issuer: issuer, group: context.eventLoopGroup, logger: logger,
                                            tracer: tracing?.tracer)
            let load: @Sendable () async throws -> String = {
                let mesh = try MeshConfigurationParser().parse(try Self.read(meshFile), file: meshFile)
                return try await agent.apply(mesh)
            }
            let status = try await load()
            return DaemonComponents(services: (tracing.map { [$0.service] } ?? []) + [agent] + (try await Self.localServices(agent, context: context)),
                                    status: status, gracefulShutdownDeadline: .seconds(10), reload: load)
        }
        if exitCode != .success { throw ExitCode(exitCode.rawValue) }
    }

    /// A clustered agent: certificates from the controllers, the mesh from their snapshot stream.
    static func startInCluster(_ agentFile: MeshAgentConfiguration, membership: ClusterMembershipConfiguration,
                               tracing: TracingBackend?, context: DaemonContext) async throws -> DaemonComponents {
        guard let caFile = membership.caFile, let certFile = membership.certFile, let keyFile = membership.keyFile,
              let advertise = agentFile.advertise else {
            throw DaemonError(.notConfigured, "the cluster section needs tls and advertise (teeadm join --role mesh writes both)")
        }
        var settings = agentFile.settings
        let controllerClient: MeshControllerClient
        do {
            controllerClient = try MeshControllerClient(controllers: agentFile.controllerAPI, caFile: caFile, certFile: certFile, keyFile: keyFile,
                                                        stateDirectory: membership.stateDirectory)
            settings.clusterName = ClusterCA.clusterName(of: try Certificate(pemEncoded: try Self.read(caFile)))
        } catch {
            throw DaemonError(.notConfigured, "the node's certificates (\(caFile), \(certFile), \(keyFile)) do not load: \(error)")
        }
        let agent = try await MeshAgent(settings: settings, issuer: controllerClient, group: context.eventLoopGroup, logger: context.logger,
                                        tracer: tracing?.tracer)
        let cluster = MeshClusterService(membership: membership, agent: agent, controllerClient: controllerClient, advertise: advertise,
                                         logger: context.logger)
        let status = await cluster.restoreSaved()
        return DaemonComponents(services: (tracing.map { [$0.service] } ?? []) + [agent, cluster] + (try await Self.localServices(agent, context: context)),
                                status: status, gracefulShutdownDeadline: .seconds(10))
    }

    /// The exporter of the agent file's `tracing`, first in the group so that it stops last.
    static func tracing(_ agentFile: MeshAgentConfiguration, file: String, context: DaemonContext) throws -> TracingBackend? {
        guard let settings = agentFile.tracing else { return nil }
        do {
            return try TracingBackend(settings, logger: context.logging.makeLogger(label: "tee-mesh.tracing"))
        } catch {
            throw DaemonError(.notConfigured, "\(file): \(error)")
        }
    }

    /// The DNS responder and the metrics endpoint, where the agent's file asks for them.
    static func localServices(_ agent: MeshAgent, context: DaemonContext) async throws -> [any Service] {
        var services: [any Service] = []
        let settings = agent.settings
        if let host = settings.dnsHost {
            let reference = agent.reference
            services.append(try await MeshDNSServer.bind(host: host, port: settings.dnsPort,
                                                         responder: MeshDNSResponder { reference.current?.virtualIP(forName: $0) },
                                                         group: context.eventLoopGroup, logger: context.logger))
        }
        if let host = settings.metricsHost {
            services.append(try await MeshMetricsServer.bind(host: host, port: settings.metricsPort, metrics: agent.state.metrics,
                                                             group: context.eventLoopGroup, logger: context.logger))
        }
        return services
    }

    static func read(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw DaemonError(.notConfigured, "\(path): cannot be read (\(error.localizedDescription)); check the path and its permissions")
        }
    }
}
