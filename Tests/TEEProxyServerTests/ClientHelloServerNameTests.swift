import NIOCore
import NIOEmbedded
import NIOSSL
@testable import TEEProxyServer
import TEEProxy
import Testing

@Suite struct ClientHelloServerNameTests {
    /// The first record a real TLS client sends.
    static func clientHello(serverName: String?) throws -> ByteBuffer {
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateVerification = .none
        configuration.applicationProtocols = ["h2", "http/1.1"]
        let context = try NIOSSLContext(configuration: configuration)
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: serverName))
        channel.pipeline.fireChannelActive()
        var hello = channel.allocator.buffer(capacity: 512)
        while var part = try channel.readOutbound(as: ByteBuffer.self) { hello.writeBuffer(&part) }
        _ = try? channel.finish()
        return hello
    }

    @Test func readsTheServerNameOfARealClientHello() throws {
        #expect(ClientHelloServerName.parse(try Self.clientHello(serverName: "App.Example.test")) == .read("app.example.test", alpn: ["h2", "http/1.1"]))
    }

    @Test func aClientHelloWithoutServerNameReadsAsNil() throws {
        #expect(ClientHelloServerName.parse(try Self.clientHello(serverName: nil)) == .read(nil, alpn: ["h2", "http/1.1"]))
    }

    @Test func waitsForTheWholeRecord() throws {
        let hello = try Self.clientHello(serverName: "app.test")
        for length in [0, 3, 5, hello.readableBytes - 1] {
            #expect(ClientHelloServerName.parse(hello.getSlice(at: 0, length: length)!) == .incomplete, "\(length) bytes")
        }
    }

    @Test func anythingElseReadsAsNoName() {
        let alert = ByteBuffer(bytes: [0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 0x28])
        #expect(ClientHelloServerName.parse(alert) == .read(nil))
        let garbage = ByteBuffer(bytes: [0x16, 0x03, 0x01, 0x00, 0x04, 0x01, 0x00, 0x00, 0xff])
        #expect(ClientHelloServerName.parse(garbage) == .read(nil))
    }
}
