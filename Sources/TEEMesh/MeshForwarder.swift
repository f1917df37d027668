import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization
import TEEModel
import TEEProxy

/// The client agent's side of a request: picks the destination (a `TrafficSplit`'s weighted
/// draw), an instance the circuit breaker has not ejected, and sends the request to that
/// instance's agent over mTLS with the source service's certificate, the destination named by
/// SNI. Retries on another instance within the policy's attempts and budget; times out per policy.
final class MeshForwarder: Sendable {
    let pools: MeshConnectionPools
    let detector: MeshOutlierDetector
    let budget: MeshRetryBudget
    let metrics: MeshMetrics
    /// Starts the `Mesh outbound` spans; nil when the agent does not trace.
    let tracer: (any RequestTracer)?

    /// Turns for instance picking: round robin over the instances in rotation.
    private let turns = Atomic<Int>(0)

    /// The next turn, below `count` (an atomic counter: no system call, unlike a random draw).
    func nextIndex(below count: Int) -> Int {
        // A single choice takes no turn, so that a retry onto the one instance left does not
        // shift the rotation (every first attempt would then land on the same instance).
        guard count > 1 else { return 0 }
        return Int(UInt(bitPattern: self.turns.wrappingAdd(1, ordering: .relaxed).oldValue) % UInt(count))
    }

    /// How long a connection to a peer agent may take, unless the policy says.
    static let defaultConnectTimeout = TimeAmount.seconds(3)

    init(pools: MeshConnectionPools, detector: MeshOutlierDetector, budget: MeshRetryBudget, metrics: MeshMetrics,
         tracer: (any RequestTracer)?) {
        self.tracer = tracer
        self.pools = pools
        self.detector = detector
        self.budget = budget
        self.metrics = metrics
    }

    /// Where a request (or connection) for `requested` goes: the split's draw, else the service itself.
    static func destination(of requested: MeshServiceIdentity, in runtime: MeshRuntime) -> MeshServiceIdentity {
        guard let split = runtime.configuration.split(for: requested), split.totalWeight > 0 else { return requested }
        return split.backend(at: Int.random(in: 0..<split.totalWeight)) ?? requested
    }

    /// Forwards `request` from local service `source` to `requested` and gives `respond` the
    /// response for the client (then counts it: the client need not wait for the bookkeeping).
    func forward(_ request: MeshRequest, from source: MeshServiceIdentity, to requested: MeshServiceIdentity, runtime: MeshRuntime,
                 on eventLoop: any EventLoop, respond: @escaping @Sendable (MeshResponse) -> Void) {
        let started = ContinuousClock.now
        let destination = Self.destination(of: requested, in: runtime)
        let promise = eventLoop.makePromise(of: MeshResponse.self)
        promise.futureResult.whenSuccess { response in
            respond(response)
            self.metrics.record(direction: "outbound", source: source, destination: destination, code: String(response.head.status.code),
                                duration: .now - started)
        }
        guard let service = runtime.configuration.service(destination), !service.instances.isEmpty else {
            promise.succeed(.agentAnswer(.serviceUnavailable, reason: "no-instance", message: "\(destination) has no registered instance"))
            return
        }
        guard let tls = runtime.clientContexts[source] else {
            promise.succeed(.agentAnswer(.serviceUnavailable, reason: "no-identity", message: "this agent holds no certificate for \(source)"))
            return
        }
        let policy = runtime.configuration.policy(for: destination) ?? runtime.configuration.policy(for: requested)
        if policy?.retries != nil { self.budget.recordRequest(to: destination) }  // the budget only bounds retries
        if let timeout = policy?.timeouts?.request {
            let scheduled = eventLoop.scheduleTask(in: Self.timeAmount(timeout)) {
                promise.succeed(.agentAnswer(.gatewayTimeout, reason: "timeout", message: "\(destination) did not answer within \(timeout)"))
            }
            promise.futureResult.whenComplete { _ in scheduled.cancel() }
        }
        let attempt = Attempt(forwarder: self, request: request, source: source, service: service, policy: policy, runtime: runtime,
                              tls: tls, pool: self.pools.pool(for: eventLoop), promise: promise)
        attempt.send(number: 0, tried: [])
    }

    /// Opens a TCP connection for `source` to an instance of `requested` through that instance's agent.
    func connect(from source: MeshServiceIdentity, to requested: MeshServiceIdentity, runtime: MeshRuntime,
                 on eventLoop: any EventLoop) -> EventLoopFuture<(any Channel, MeshServiceIdentity)> {
        let destination = Self.destination(of: requested, in: runtime)
        guard let service = runtime.configuration.service(destination), !service.instances.isEmpty,
              let tls = runtime.clientContexts[source] else {
            return eventLoop.makeFailedFuture(MeshError("\(destination) has no instance, or \(source) no certificate"))
        }
        let policy = runtime.configuration.policy(for: destination)
        let connectTimeout = policy?.timeouts?.connect.map(Self.timeAmount) ?? Self.defaultConnectTimeout
        return self.connect(to: service, trying: self.detector.available(service.instances).shuffled(), tls: tls, policy: policy,
                            connectTimeout: connectTimeout, runtime: runtime, on: eventLoop).map { ($0, destination) }
    }

    /// Connects to the agent of the last of `candidates`, else of the ones before it.
    private func connect(to service: MeshService, trying candidates: [MeshServiceInstance], tls: NIOSSLContext, policy: ServicePolicy?,
                         connectTimeout: TimeAmount, runtime: MeshRuntime, on eventLoop: any EventLoop) -> EventLoopFuture<any Channel> {
        guard let instance = candidates.last else {
            return eventLoop.makeFailedFuture(MeshError("no instance of \(service.identity) answered"))
        }
        let rest = Array(candidates.dropLast())
        guard let address = runtime.agentAddress(of: instance.node) else {
            return self.connect(to: service, trying: rest, tls: tls, policy: policy, connectTimeout: connectTimeout, runtime: runtime, on: eventLoop)
        }
        return ClientBootstrap(group: eventLoop)
            .connectTimeout(connectTimeout)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .channelOption(.autoRead, value: false)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: tls, serverHostname: service.identity.dnsName))
                }
            }
            .connect(host: address.host, port: address.port)
            .flatMapError { _ in
                self.detector.record(instance, failed: true, of: service.instances, breaker: policy?.circuitBreaker)
                return self.connect(to: service, trying: rest, tls: tls, policy: policy, connectTimeout: connectTimeout, runtime: runtime, on: eventLoop)
            }
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        .nanoseconds(duration.components.seconds * 1_000_000_000 + duration.components.attoseconds / 1_000_000_000)
    }

    /// One request's attempts, on the client connection's event loop.
    private struct Attempt {
        let forwarder: MeshForwarder
        let request: MeshRequest
        let source: MeshServiceIdentity
        let service: MeshService
        let policy: ServicePolicy?
        let runtime: MeshRuntime
        let tls: NIOSSLContext
        let pool: MeshConnectionPool
        let promise: EventLoopPromise<MeshResponse>

        func send(number: Int, tried: Set<MeshServiceInstance>) {
            let available = self.forwarder.detector.available(self.service.instances)
            let untried = available.filter { !tried.contains($0) }
            let candidates = untried.isEmpty ? available : untried
            let instance = candidates[self.forwarder.nextIndex(below: candidates.count)]
            let destination = self.service.identity
            guard let address = self.runtime.agentAddress(of: instance.node) else {
                self.failed(instance, number: number, tried: tried, mayHaveBeenSent: false,
                            response: .agentAnswer(.badGateway, reason: "no-peer",
                                                   message: "no address for node \(instance.node)'s agent; list it under peers in the agent's file"))
                return
            }
            let key = MeshConnectionKey(address: address, source: self.source, destination: destination)
            let connectTimeout = self.policy?.timeouts?.connect.map(MeshForwarder.timeAmount) ?? MeshForwarder.defaultConnectTimeout
            self.pool.exchange(self.request, key: key, tls: self.tls, serverName: destination.dnsName,
                               connectTimeout: connectTimeout)
                .whenComplete { result in
                    switch result {
                    case .failure(let error):
                        let sent = (error as? MeshExchangeError)?.mayHaveBeenSent ?? true
                        self.failed(instance, number: number, tried: tried, mayHaveBeenSent: sent,
                                    response: .agentAnswer(.badGateway, reason: sent ? "upstream-error" : "unreachable",
                                                           message: "\(destination) on \(instance.node): \(error)"))
                    case .success(let response):
                        if response.head.status.code >= 500 {
                            self.failed(instance, number: number, tried: tried, mayHaveBeenSent: true, response: MeshResponse(response))
                        } else {
                            self.recordOutcome(instance, failed: false)
                            self.promise.succeed(MeshResponse(response))
                        }
                    }
                }
        }

        /// A 5xx or no answer: counts against the instance, then tries another if the policy allows.
        private func failed(_ instance: MeshServiceInstance, number: Int, tried: Set<MeshServiceInstance>, mayHaveBeenSent: Bool,
                            response: MeshResponse) {
            self.recordOutcome(instance, failed: true)
            // A request that may have reached the service is only repeated when repeating it is safe.
            let repeatable = !mayHaveBeenSent || self.request.isIdempotent
            if let retries = self.policy?.retries, number < retries.attempts, repeatable,
               self.forwarder.budget.takeRetry(to: self.service.identity, budgetPercent: retries.budgetPercent) {
                self.send(number: number + 1, tried: tried.union([instance]))
            } else {
                self.promise.succeed(response)
            }
        }

        private func recordOutcome(_ instance: MeshServiceInstance, failed: Bool) {
            if self.forwarder.detector.record(instance, failed: failed, of: self.service.instances, breaker: self.policy?.circuitBreaker) {
                self.forwarder.metrics.ejected(instance)
            }
        }
    }
}
