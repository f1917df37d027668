public import Logging
public import NIOCore
import NIOPosix
public import TEEModel
public import TEESystemd

/// Opens an entry point's listening channel: the socket systemd passed under the entry point's
/// name if there is one, otherwise a socket bound to the configured address.
public struct EntryPointBinder: Sendable {
    /// Accept-queue length for sockets we bind ourselves (the kernel caps it at `net.core.somaxconn`).
    public static let defaultBacklog: Int32 = 4096

    private let group: any EventLoopGroup
    private let logger: Logger

    public init(group: any EventLoopGroup, logger: Logger) {
        self.group = group
        self.logger = logger
    }

    /// Binds or adopts the listener for `entryPoint`; `initializeChild` sets up each accepted connection.
    public func bind(
        _ entryPoint: EntryPointConfiguration,
        activatedSocket: ActivatedSocket?,
        childChannelInitializer: @escaping @Sendable (any Channel) -> EventLoopFuture<Void>
    ) async throws -> any Channel {
        let bootstrap = ServerBootstrap(group: self.group)
            .serverChannelOption(.backlog, value: Self.defaultBacklog)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelOption(.maxMessagesPerRead, value: 16)
            .childChannelInitializer(childChannelInitializer)

        if let socket = activatedSocket {
            let backlog = socket.listenBacklog ?? Self.defaultBacklog
            let channel = try await bootstrap.withBoundSocket(socket.fileDescriptor).get()
            // NIO calls listen(128) on adoption; give the socket back the backlog systemd chose.
            try socket.restoreBacklog(backlog)
            self.logger.info(
                "Serving entry point on socket passed by systemd",
                metadata: ["entry_point": "\(entryPoint.name)", "fd": "\(socket.fileDescriptor)", "backlog": "\(backlog)",
                           "address": "\(Self.describe(channel.localAddress))"]
            )
            return channel
        }
        do {
            let channel = try await bootstrap.bind(host: entryPoint.address.bindHost, port: entryPoint.address.port).get()
            self.logger.info(
                "Listening",
                metadata: ["entry_point": "\(entryPoint.name)", "address": "\(Self.describe(channel.localAddress))"]
            )
            return channel
        } catch let error as IOError {
            throw EntryPointBindError(entryPoint: entryPoint, errnoCode: error.errnoCode)
        }
    }

    /// `127.0.0.1:8080`, `[::]:80` or a Unix path, for logs.
    static func describe(_ address: SocketAddress?) -> String {
        guard let address else { return "unknown" }
        guard let ip = address.ipAddress, let port = address.port else { return address.pathname ?? "\(address)" }
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }
}
