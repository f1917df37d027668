import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import NIOSSL
import Logging
import ServiceLifecycle
public import TEEDaemon
import TEEDistribution
import TEEModel
import TEEPKI
import TEEStore

/// Starts `tee-controller`: the etcd connection, the node registry, the leader election, the
/// snapshot feed, the leader's compiler, the snapshot stream for proxies and the API, as one
/// `ServiceGroup` in that order.
public struct ControllerDaemon: Sendable {
    public let settings: ControllerSettings

    public init(settings: ControllerSettings) {
        self.settings = settings
    }

    public func start(_ context: DaemonContext) async throws -> DaemonComponents {
        let settings = self.settings
        let etcd: EtcdClient
        do {
            etcd = try EtcdClient(endpoint: settings.etcd, tls: settings.etcdTLS)
        } catch {
            throw DaemonError(.notConfigured, "cannot set up the etcd client for \(settings.etcd): \(error)")
        }
        let logger = context.logger
        var dataKey: DataKey?
        if let file = settings.dataKeyFile {
            do {
                dataKey = try DataKey(contentsOf: file)
            } catch {
                throw DaemonError(.notConfigured, "\(error)")
            }
        }
        var own = NodeRecord(name: settings.name, role: "controller", address: settings.apiAddressText,
                             softwareVersion: TEEVersion.current)
        own.streamAddress = settings.streamAddressText
        let leadership = Leadership()
        let registry = NodeRegistry(etcd: etcd, own: own, logger: logger)
        let feed = SnapshotFeed(etcd: etcd, dataKey: dataKey, logger: logger)
        let events = EventLog(etcd: etcd, controller: settings.name, logger: logger)
        var certificateAuthority: ClusterCA?
        if let keyFile = settings.caKeyFile, let caFile = settings.distributionTLS?.caFile {
            do {
                certificateAuthority = try ClusterCA(certificatePEM: try String(contentsOfFile: caFile, encoding: .utf8),
                                                     keyPEM: try String(contentsOfFile: keyFile, encoding: .utf8))
            } catch {
                throw DaemonError(.notConfigured, "--ca-key-file \(keyFile): cannot load the cluster CA: \(error)")
            }
        }
        let api = ControllerAPI(etcd: etcd, leadership: leadership, feed: feed, events: events, dataKey: dataKey,
                                certificateAuthority: certificateAuthority, controllerName: settings.name)
        var services: [any Service] = [
            EtcdConnection(etcd: etcd),
            registry,
            LeaderElection(etcd: etcd, leadership: leadership, candidate: own, leaseTTL: settings.leaderLeaseTTL, logger: logger,
                           events: events),
            feed,
            LearnerPromoter(etcd: etcd, leadership: leadership, events: events, logger: logger),
            ConfigurationCompiler(etcd: etcd, leadership: leadership, dynamicDirectory: settings.dynamicDirectory, logger: logger,
                                  events: events, dataKey: dataKey),
            ProviderSync(etcd: etcd, leadership: leadership, settings: settings.providers, events: events,
                         logger: context.logging.makeLogger(label: "tee-controller.providers")),
            ClusterACMEService(etcd: etcd, leadership: leadership, feed: feed, resolvers: settings.certificateResolvers, dataKey: dataKey,
                               environment: ProcessInfo.processInfo.environment, events: events,
                               logger: context.logging.makeLogger(label: "tee-controller.acme")),
            DistributionServer(host: settings.distributionAddress.host, port: settings.distributionAddress.port,
                               tls: settings.distributionTLS,
                               delegate: ClusterDistribution(feed: feed, registry: registry, controllerName: settings.name, events: events,
                                                             traffic: TrafficReportWriter(registry: registry),
                                                             demand: DemandExchange(registry: registry, etcd: etcd))),
        ]
        if let socket = settings.apiSocket {
            let directory = (socket as NSString).deletingLastPathComponent
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o755])
            } catch {
                throw DaemonError(.notConfigured, "--api-socket \(socket): cannot create \(directory) (\(error.localizedDescription)); "
                    + "run under systemd (RuntimeDirectory=tee), give a socket in a writable directory, or --api-socket '' for none")
            }
            try? FileManager.default.removeItem(atPath: socket)  // a stale socket from a previous run
            // Only the daemon's user and group (root, and teeadm run by an admin) may use it.
            services.append(Application(router: api.router(), configuration: .init(address: .unixDomainSocket(path: socket)),
                                        onServerRunning: { _ in _ = chmod(socket, 0o660) },
                                        eventLoopGroupProvider: .shared(context.eventLoopGroup), logger: logger))
        }
        if let address = settings.apiAddress {
            // With the node's certificates the TCP API takes only clients with a certificate from the cluster CA.
            var server = HTTPServerBuilder.http1()
            if settings.distributionTLS == nil, !["127.0.0.1", "::1", "localhost"].contains(address.host) {
                logger.warning("The API has no certificates (--cert-file, --key-file, --ca-file): it answers only clients on loopback",
                               metadata: ["api": "\(address)"])
            }
            if let tls = settings.distributionTLS {
                do {
                    var configuration = TLSConfiguration.makeServerConfiguration(
                        certificateChain: try NIOSSLCertificate.fromPEMFile(tls.certFile).map { .certificate($0) },
                        privateKey: .privateKey(try NIOSSLPrivateKey(file: tls.keyFile, format: .pem)))
                    configuration.trustRoots = .file(tls.caFile)
                    // Optional: a joining node has no certificate yet; TrustedClientMiddleware lets it
                    // reach discovery and join only.
                    configuration.certificateVerification = .optionalVerification
                    server = try .tls(.http1(), tlsConfiguration: configuration)
                } catch {
                    throw DaemonError(.notConfigured, "cannot load the node certificate for the API: \(error)")
                }
            }
            services.append(Application(router: api.router(), server: server,
                                        configuration: .init(address: .hostname(address.host, port: address.port)),
                                        eventLoopGroupProvider: .shared(context.eventLoopGroup), logger: logger))
        }
        logger.info("Controller starting", metadata: [
            "name": "\(settings.name)", "etcd": "\(settings.etcd)",
            "distribution": "\(settings.distributionAddress)",
            "api": "\(settings.apiAddressText)", "api_socket": "\(settings.apiSocket ?? "")",
        ])
        return DaemonComponents(services: services, status: "Controller \(settings.name): serving the API and the snapshot stream",
                                gracefulShutdownDeadline: .seconds(10))
    }
}
