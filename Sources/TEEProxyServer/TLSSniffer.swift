import NIOCore
import NIOSSL
import TEEModel
import TEEProxy

/// Looks at the first bytes of a new connection, as Traefik serves several protocols on one
/// entry point: a TLS handshake (0x16) goes to a TCP router whose rule matches its server name
/// (passed through untouched, or with TLS terminated), else gets TLS and then HTTP/1.1 or HTTP/2
/// by ALPN; a plain connection goes to a TCP router with `HostSNI(`*`)` if there is one, else the
/// HTTP/2 preface (`PRI *`) gets cleartext HTTP/2 (h2c) and anything else HTTP/1.1.
final class TLSSniffer: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    /// What the connection turned out to speak.
    enum Kind {
        case http1
        case h2c
        case tls
        /// Routed by a TCP router.
        case tcp
        /// A CA validating TLS-ALPN-01: the handshake is the whole answer.
        case acmeChallenge
    }

    private let tls: TLSServerContexts?
    private let acme: ACMEChallengeContexts?
    private let tcp: TCPRouterTable?
    private let configure: (any Channel, Kind) throws -> Void
    private var configured = false

    /// - Parameters:
    ///   - tcp: the entry point's TCP routers, if it has any.
    ///   - configure: adds the handlers for the protocol; runs once it is known
    ///   (for `.tls`, after the TLS handler has been added; `.tcp` is already set up).
    init(tls: TLSServerContexts?, acme: ACMEChallengeContexts? = nil, tcp: TCPRouterTable?,
         configure: @escaping (any Channel, Kind) throws -> Void) {
        self.tls = tls
        self.acme = acme
        self.tcp = tcp.flatMap { $0.isEmpty ? nil : $0 }
        self.configure = configure
    }

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        // Once configured, the bytes go on to the handlers after us (as we are removed).
        guard !self.configured else { return self.forward(context: context, buffer: &buffer) }
        do {
            return try self.sniff(context: context, buffer: &buffer)
        } catch {
            // Refused by a TCP router, or no TLS context: nothing can be said to the client.
            self.configured = true
            context.close(promise: nil)
            return .needMoreData
        }
    }

    private func sniff(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self) else { return .needMoreData }
        let kind: Kind
        let client = context.channel.remoteAddress?.ipAddress.flatMap(IPAddress.init)
        if first == 0x16, self.tls != nil || self.acme != nil || self.tcp?.hasTLSRouters == true {
            // The server name picks a TCP router or the context (its router's tls.options), so wait for the whole ClientHello.
            guard case .read(let serverName, let alpn) = ClientHelloServerName.parse(buffer) else { return .needMoreData }
            let connection = TCPConnectionInfo(serverName: serverName, clientAddress: client, alpnProtocols: alpn, isTLS: true)
            if alpn == [ACMEChallengeContexts.alpnProtocol] {
                guard let sslContext = self.acme?.context(forServerName: serverName) else {
                    throw TLSStoreError(message: "no TLS-ALPN-01 challenge in progress for \(serverName ?? "a client without SNI")")
                }
                try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                kind = .acmeChallenge
            } else if let router = self.tcp?.route(connection) {
                try self.startTCP(router, connection, context: context, serverName: serverName)
                kind = .tcp
            } else {
                guard let tls = self.tls, let sslContext = tls.context(forServerName: serverName) else {
                    throw TLSStoreError(message: "no TLS context for \(serverName ?? "a client without SNI")")
                }
                try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                kind = .tls
            }
        } else if let router = self.tcp?.route(TCPConnectionInfo(serverName: nil, clientAddress: client, alpnProtocols: [], isTLS: false)) {
            try self.startTCP(router, TCPConnectionInfo(serverName: nil, clientAddress: client, alpnProtocols: [], isTLS: false),
                              context: context, serverName: nil)
            kind = .tcp
        } else if first == UInt8(ascii: "P") {
            guard let start = buffer.getString(at: buffer.readerIndex, length: min(4, buffer.readableBytes)), start.count == 4 else {
                return .needMoreData
            }
            kind = start == "PRI " ? .h2c : .http1
        } else {
            kind = .http1
        }
        self.configured = true
        if kind != .tcp, kind != .acmeChallenge { try self.configure(context.channel, kind) }
        // Removal hands what we buffered to `decodeLast`, which passes it on.
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
        return .needMoreData
    }

    /// Hands the connection to a TCP router: its middlewares decide, then TLS is terminated unless
    /// the router passes it through, and the bytes are relayed to a server of its service.
    private func startTCP(_ router: CompiledTCPRouter, _ connection: TCPConnectionInfo, context: ChannelHandlerContext,
                          serverName: String?) throws {
        guard let onClose = router.admit(connection), let selection = router.service.select() else {
            throw TCPRoutingError(router: router.name)
        }
        if let tls = router.tls, !tls.passthrough {
            guard let contexts = self.tls, let sslContext = contexts.context(forServerName: serverName) else {
                for release in onClose { release() }
                throw TLSStoreError(message: "no certificate to terminate TLS for TCP router \(router.name)")
            }
            try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
        }
        try context.pipeline.syncOperations.addHandler(TCPProxyHandler(selection: selection, onClose: onClose))
    }

    func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        self.forward(context: context, buffer: &buffer)
    }

    private func forward(context: ChannelHandlerContext, buffer: inout ByteBuffer) -> DecodingState {
        guard buffer.readableBytes > 0 else { return .needMoreData }
        context.fireChannelRead(NIOAny(buffer.readSlice(length: buffer.readableBytes)!))
        // The read that brought these bytes has completed before our removal passes them on.
        context.fireChannelReadComplete()
        return .needMoreData
    }
}

/// A TCP router's middleware refused the connection, or its service has no server.
struct TCPRoutingError: Error, CustomStringConvertible {
    let router: String
    var description: String { "TCP router \(self.router) refused the connection" }
}
