public import TEEModel
import GRPCCore
import GRPCNIOTransportHTTP2
public import Logging
import SwiftProtobuf

/// A node's side of the snapshot stream: connects to one controller after another until one
/// answers, says what it serves, hands each snapshot to `apply` and acknowledges the outcome.
/// A stream that fails moves on to the next controller; the node keeps serving what it has.
public struct DistributionClient: Sendable {
    /// Controllers' distribution addresses (`host:port`), tried in turn.
    let controllers: [String]
    let tls: DistributionTLS?
    let hello: @Sendable () -> NodeHello
    let logger: Logger
    /// What the node answered since the last call, sent every ``trafficInterval`` (proxies).
    let traffic: (@Sendable () -> TrafficSample)?
    static let trafficInterval = Duration.seconds(5)
    /// Distributed rate limits' demand, exchanged with the controller (proxies).
    let demand: DemandSharing?

    public init(controllers: [String], tls: DistributionTLS?, logger: Logger, traffic: (@Sendable () -> TrafficSample)? = nil,
                demand: DemandSharing? = nil, hello: @escaping @Sendable () -> NodeHello) {
        self.controllers = controllers
        self.tls = tls
        self.hello = hello
        self.logger = logger
        self.traffic = traffic
        self.demand = demand
    }

    /// Runs until cancelled. `apply` returns nil when the snapshot is in service, or why not.
    public func run(apply: @escaping @Sendable (ConfigurationSnapshot) async -> String?) async {
        var index = 0
        while !Task.isCancelled && !self.controllers.isEmpty {
            let controller = self.controllers[index % self.controllers.count]
            index += 1
            do {
                try await self.stream(from: controller, apply: apply)
            } catch {
                if Task.isCancelled { return }
                self.logger.warning("Controller stream ended; trying the next controller", metadata: [
                    "controller": "\(controller)", "error": "\(error)",
                ])
            }
            try? await Task.sleep(for: .milliseconds(index % self.controllers.count == 0 ? 1000 : 100))
        }
    }

    private func stream(from controller: String, apply: @escaping @Sendable (ConfigurationSnapshot) async -> String?) async throws {
        guard let address = HostPort(parsing: controller) else {
            throw RPCError(code: .invalidArgument, message: "\(controller) is not host:port")
        }
        let (host, port) = (address.host, address.port)
        let security: HTTP2ClientTransport.Posix.TransportSecurity
        if let tls = self.tls {
            security = .mTLS(certificateChain: [.file(path: tls.certFile, format: .pem)],
                             privateKey: .file(path: tls.keyFile, format: .pem)) { config in
                config.trustRoots = .certificates([.file(path: tls.caFile, format: .pem)])
                // The cluster CA is the trust: node certificates name addresses, not host names.
                config.serverCertificateVerification = .noHostnameVerification
            }
        } else {
            security = .plaintext
        }
        // Addresses go in as such: a DNS target would send the address as the TLS server name.
        let target: any ResolvableTarget = host.contains(":") ? .ipv6(address: host, port: port)
            : host.allSatisfy({ $0.isNumber || $0 == "." }) ? .ipv4(address: host, port: port) : .dns(host: host, port: port)
        let transport = try HTTP2ClientTransport.Posix(target: target, transportSecurity: security, config: .defaults { config in
            config.connection.keepalive = .init(time: .seconds(5), timeout: .seconds(3), allowWithoutCalls: true)
            config.backoff.initial = .milliseconds(100)
        })
        let client = GRPCClient(transport: transport)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await client.runConnections() }
            defer { client.beginGracefulShutdown() }
            let distribution = Tee_Distribution_V1_SnapshotDistribution.Client(wrapping: client)
            let (acknowledgements, acknowledge) = AsyncStream.makeStream(of: Tee_Distribution_V1_NodeMessage.self)
            if let traffic = self.traffic {
                _ = traffic()  // the first report covers the stream's first interval
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: Self.trafficInterval)
                        if Task.isCancelled { break }
                        acknowledge.yield(.with { $0.traffic = traffic().message })
                    }
                }
            }
            let hello = self.hello()
            if let demand = self.demand {
                group.addTask {
                    while !Task.isCancelled {
                        try? await Task.sleep(for: DemandSharing.interval)
                        let rates = demand.report()
                        guard !rates.isEmpty else { continue }
                        let request = Tee_Distribution_V1_DemandReport.with { report in
                            report.nodeName = hello.nodeName
                            report.rates = rates.map { rate in .with { $0.key = rate.key; $0.rate = rate.rate } }
                        }
                        var options = CallOptions.defaults
                        options.timeout = .milliseconds(500)
                        if let answer = try? await distribution.exchangeDemand(request, options: options) {
                            demand.totals(answer.rates.map { DemandRate(key: $0.key, rate: $0.rate) })
                        }
                    }
                }
            }
            try await distribution.subscribe { writer in
                var message = Tee_Distribution_V1_NodeMessage()
                message.hello = .with {
                    $0.nodeName = hello.nodeName
                    $0.role = hello.role
                    $0.appliedVersion = hello.appliedVersion
                    $0.softwareVersion = hello.softwareVersion
                }
                try await writer.write(message)
                for await acknowledgement in acknowledgements { try await writer.write(acknowledgement) }
            } onResponse: { response in
                self.logger.info("Connected to controller", metadata: ["controller": "\(controller)"])
                for try await message in response.messages {
                    let snapshot = ConfigurationSnapshot(message)
                    let error = await apply(snapshot)
                    var reply = Tee_Distribution_V1_NodeMessage()
                    reply.acknowledgement = .with {
                        $0.version = snapshot.version
                        $0.applied = error == nil
                        $0.error = error ?? ""
                    }
                    acknowledge.yield(reply)
                }
                acknowledge.finish()
                throw RPCError(code: .unavailable, message: "the controller ended the stream")
            }
            group.cancelAll()
        }
    }
}
