public import GRPCCore
public import GRPCNIOTransportHTTP2
public import TEEModel
import Logging
import NIOCore
import NIOHTTP2

/// A client of one etcd member over its v3 gRPC API.
///
/// Run ``run()`` (a task that owns the connection) before calling anything, and cancel it to
/// close. Each call has a deadline, so a member that cannot reach quorum fails the call
/// instead of hanging it.
public final class EtcdClient: Sendable {
    public let endpoint: EtcdEndpoint
    let grpc: GRPCClient<HTTP2ClientTransport.Posix>
    let kv: Etcdserverpb_KV.Client<HTTP2ClientTransport.Posix>
    let leases: Etcdserverpb_Lease.Client<HTTP2ClientTransport.Posix>
    let watches: Etcdserverpb_Watch.Client<HTTP2ClientTransport.Posix>
    let cluster: Etcdserverpb_Cluster.Client<HTTP2ClientTransport.Posix>
    let maintenance: Etcdserverpb_Maintenance.Client<HTTP2ClientTransport.Posix>
    /// How long a read or write may take; past it, the call fails as unavailable.
    public let callTimeout: Duration

    public init(endpoint: EtcdEndpoint, tls: EtcdTLS? = nil, callTimeout: Duration = .seconds(3)) throws {
        self.endpoint = endpoint
        self.callTimeout = callTimeout
        let security: HTTP2ClientTransport.Posix.TransportSecurity
        if let tls {
            security = .mTLS(certificateChain: [.file(path: tls.certFile, format: .pem)],
                             privateKey: .file(path: tls.keyFile, format: .pem)) { config in
                config.trustRoots = .certificates([.file(path: tls.caFile, format: .pem)])
            }
        } else {
            security = .plaintext
        }
        // Addresses go in as such: a DNS target would send the address as the TLS server name.
        let target: any ResolvableTarget = endpoint.host.contains(":") ? .ipv6(address: endpoint.host, port: endpoint.port)
            : endpoint.host.allSatisfy({ $0.isNumber || $0 == "." }) ? .ipv4(address: endpoint.host, port: endpoint.port)
            : .dns(host: endpoint.host, port: endpoint.port)
        let transport = try HTTP2ClientTransport.Posix(target: target, transportSecurity: security, config: .defaults { config in
            // Reconnect quickly: a controller notices a member coming back within a second.
            config.backoff.initial = .milliseconds(100)
            config.backoff.max = .seconds(1)
            config.channelDebuggingCallbacks.onCreateTCPConnection = { channel in
                channel.eventLoop.makeCompletedFuture {
                    let http2 = try channel.pipeline.syncOperations.handler(type: NIOHTTP2Handler.self)
                    try channel.pipeline.syncOperations.addHandler(ServerPingResponder(), position: .before(http2))
                }
            }
        })
        self.grpc = GRPCClient(transport: transport)
        self.kv = Etcdserverpb_KV.Client(wrapping: self.grpc)
        self.leases = Etcdserverpb_Lease.Client(wrapping: self.grpc)
        self.watches = Etcdserverpb_Watch.Client(wrapping: self.grpc)
        self.cluster = Etcdserverpb_Cluster.Client(wrapping: self.grpc)
        self.maintenance = Etcdserverpb_Maintenance.Client(wrapping: self.grpc)
    }

    /// Maintains the connection until cancelled or ``close()``.
    public func run() async throws {
        try await self.grpc.runConnections()
    }

    /// Closes the connection once the calls in progress finish.
    public func close() {
        self.grpc.beginGracefulShutdown()
    }

    /// Options for a unary call: its deadline, and waiting for the connection when it is (re)connecting.
    func options(timeout: Duration? = nil) -> CallOptions {
        var options = CallOptions.defaults
        options.timeout = timeout ?? self.callTimeout
        options.waitForReady = true
        return options
    }

    /// Runs `call`, turning gRPC's failures into ``EtcdError``s that say what happened.
    func calling<Result: Sendable>(_ what: String, _ call: () async throws -> Result) async throws(EtcdError) -> Result {
        do {
            return try await call()
        } catch let error as EtcdError {
            throw error
        } catch let error as RPCError {
            switch error.code {
            case .deadlineExceeded, .unavailable, .cancelled:
                throw .unavailable("\(what) at \(self.endpoint) got no answer in time (\(error.message))")
            default:
                throw .rejected("\(what): \(error.message)")
            }
        } catch {
            throw .unavailable("\(what) at \(self.endpoint): \(error)")
        }
    }
}
