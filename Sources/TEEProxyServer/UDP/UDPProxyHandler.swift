import NIOCore
import NIOPosix
import TEEModel
import TEEProxy
import TEESystemd

/// A UDP entry point: each client address is a session with a socket of its own to the server
/// its UDP router's service picks; datagrams go to the server, and the server's answers come back
/// to the client from the entry point's address. A session idle for `udp.timeout` is closed.
final class UDPProxyHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>

    private let entryPoint: String
    private let runtime: RuntimeReference
    private let timeout: Duration
    private var sessions: [SocketAddress: UDPSession] = [:]

    init(entryPoint: String, runtime: RuntimeReference, timeout: Duration) {
        self.entryPoint = entryPoint
        self.runtime = runtime
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let datagram = self.unwrapInboundIn(data)
        if let session = self.sessions[datagram.remoteAddress] {
            session.lastActivity = .now()
            if let backend = session.backend { backend.writeAndFlush(datagram.data, promise: nil) } else { session.pending.append(datagram.data) }
            return
        }
        guard let service = self.runtime.current.udpServices[self.entryPoint], let selection = service.select() else { return }
        let session = UDPSession(client: datagram.remoteAddress)
        session.pending.append(datagram.data)
        self.sessions[datagram.remoteAddress] = session
        self.open(session, to: selection, context: context)
    }

    private func open(_ session: UDPSession, to selection: NetworkServerSelection, context: ChannelHandlerContext) {
        let listener = context.channel
        DatagramBootstrap(group: context.eventLoop)
            .channelInitializer { backend in
                backend.eventLoop.makeCompletedFuture {
                    try backend.pipeline.syncOperations.addHandler(UDPReplyHandler(listener: listener, client: session.client) {
                        session.lastActivity = .now()
                    })
                }
            }
            .connect(host: selection.address.host, port: selection.address.port)
            .assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success(let backend):
                    session.backend = backend
                    for datagram in session.pending { backend.write(datagram, promise: nil) }
                    session.pending = []
                    backend.flush()
                    self.scheduleIdleCheck(session, context: context)
                case .failure:
                    self.sessions[session.client] = nil
                }
            }
    }

    private func scheduleIdleCheck(_ session: UDPSession, context: ChannelHandlerContext) {
        let deadline = session.lastActivity + .nanoseconds(self.timeout.nanoseconds)
        session.idleTimer = context.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            if NIODeadline.now() >= session.lastActivity + .nanoseconds(self.timeout.nanoseconds) {
                session.backend?.close(promise: nil)
                self.sessions[session.client] = nil
            } else {
                self.scheduleIdleCheck(session, context: context)
            }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        for session in self.sessions.values {
            session.idleTimer?.cancel()
            session.backend?.close(promise: nil)
        }
        self.sessions = [:]
        context.fireChannelInactive()
    }
}

/// On a session's server socket: sends each answer back to the client from the entry point.
final class UDPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>

    private let listener: any Channel
    private let client: SocketAddress
    private let heard: () -> Void

    init(listener: any Channel, client: SocketAddress, heard: @escaping () -> Void) {
        self.listener = listener
        self.client = client
        self.heard = heard
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        self.heard()
        let answer = self.unwrapInboundIn(data)
        self.listener.writeAndFlush(AddressedEnvelope(remoteAddress: self.client, data: answer.data), promise: nil)
    }
}
