import Foundation
import NIOCore
import NIOPosix

/// Sends one DNS message over UDP to a server and waits for the answer with the same id.
struct DNSExchange: Sendable {
    let server: SocketAddress
    let timeout: Duration
    let group: any EventLoopGroup

    /// `host:port` (port 53 when left out) of an IP address.
    init(server: String, timeout: Duration, group: any EventLoopGroup) throws {
        var host = server
        var port = 53
        if let colon = server.lastIndex(of: ":"), server.firstIndex(of: ":") == colon || server.hasPrefix("[") {
            host = String(server[..<colon])
            guard let number = Int(server[server.index(after: colon)...]) else {
                throw ACMEProblem(type: "tee:dnsConfiguration", detail: "'\(server)' is not host:port, such as 192.0.2.53:53")
            }
            port = number
        }
        host = host.trimmingCharacters(in: ["[", "]"])
        do {
            self.server = try SocketAddress(ipAddress: host, port: port)
        } catch {
            throw ACMEProblem(type: "tee:dnsConfiguration", detail: "'\(server)' is not an IP address and port, such as 192.0.2.53:53")
        }
        self.timeout = timeout
        self.group = group
    }

    func send(_ message: [UInt8], id: UInt16) async throws -> DNSMessageReader {
        let server = self.server
        let timeout = TimeAmount.nanoseconds(Int64(self.timeout.components.seconds) * 1_000_000_000
                                             + self.timeout.components.attoseconds / 1_000_000_000)
        let channel = try await DatagramBootstrap(group: self.group)
            .bind(host: server.protocol == .inet6 ? "::" : "0.0.0.0", port: 0).get()
        defer { channel.close(promise: nil) }
        let promise = channel.eventLoop.makePromise(of: DNSMessageReader.self)
        try await channel.eventLoop.submit {
            try channel.pipeline.syncOperations.addHandler(AnswerHandler(id: id, server: server, timeout: timeout, promise: promise))
        }.get()
        try await channel.writeAndFlush(AddressedEnvelope(remoteAddress: server, data: ByteBuffer(bytes: message))).get()
        return try await promise.futureResult.get()
    }

    /// Completes the promise once: with the first answer carrying the id, or with a timeout.
    private final class AnswerHandler: ChannelInboundHandler {
        typealias InboundIn = AddressedEnvelope<ByteBuffer>
        let id: UInt16
        let server: SocketAddress
        let timeout: TimeAmount
        let promise: EventLoopPromise<DNSMessageReader>
        private var done = false
        private var timer: Scheduled<Void>?

        init(id: UInt16, server: SocketAddress, timeout: TimeAmount, promise: EventLoopPromise<DNSMessageReader>) {
            self.id = id
            self.server = server
            self.timeout = timeout
            self.promise = promise
        }

        func handlerAdded(context: ChannelHandlerContext) {
            let loopBound = NIOLoopBound(self, eventLoop: context.eventLoop)
            self.timer = context.eventLoop.scheduleTask(in: self.timeout) {
                loopBound.value.finish(.failure(ACMEProblem(type: "tee:dns", detail: "the DNS server \(loopBound.value.server) did not answer in time")))
            }
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            self.finish(.failure(ACMEProblem(type: "tee:dns", detail: "the DNS exchange with \(self.server) was closed")))
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var envelope = self.unwrapInboundIn(data)
            guard let bytes = envelope.data.readBytes(length: envelope.data.readableBytes),
                  let message = DNSMessageReader(bytes), message.id == self.id else { return }
            self.finish(.success(message))
        }

        private func finish(_ result: Result<DNSMessageReader, any Error>) {
            guard !self.done else { return }
            self.done = true
            self.timer?.cancel()
            self.promise.completeWith(result)
        }
    }
}
