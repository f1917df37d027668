import Foundation
import TEETesting
import Testing

@Suite("protocol upgrades through a real tee-proxy")
struct UpgradeTests {
    static func dynamic(_ backend: UpgradeEchoServer) -> String {
        """
        http:
          routers:
            ws:
              rule: "PathPrefix(`/`)"
              service: ws
          services:
            ws:
              loadBalancer:
                servers: [{url: "\(backend.url)"}]
        """
    }

    @Test("a WebSocket-style upgrade becomes a two-way byte stream, and survives a reload")
    func upgrade() async throws {
        let backend = try UpgradeEchoServer()
        defer { backend.stop() }
        let proxy = try await ProxyFixture(dynamic: Self.dynamic(backend))
        let connection = try proxy.connect()
        try await connection.send("GET /socket HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
        let head = try #require(await connection.readHead())
        #expect(head.hasPrefix("HTTP/1.1 101"), "\\(head)")
        #expect(head.lowercased().contains("upgrade: websocket"))
        #expect(head.contains("X-Upgraded-By: test-backend"))

        try await connection.send("hello over the relay")
        #expect(await connection.readExactly(20) == "hello over the relay")

        // A reload swaps the runtime; the upgraded connection keeps going on the old one.
        try await proxy.rewrite(Self.dynamic(backend).replacingOccurrences(of: "PathPrefix(`/`)", with: "PathPrefix(`/v2`)"),
                                expectGeneration: 2)
        try await connection.send("still here")
        #expect(await connection.readExactly(10) == "still here")
        #expect(try await proxy.get("/socket")?.status == 404)
    }
}

extension UpgradeTests {
    @Test("an upgrade the proxy answers itself (404) closes the connection cleanly")
    func refusedUpgrade() async throws {
        let proxy = try await ProxyFixture(dynamic: "http: {}\n")
        let connection = try proxy.connect()
        try await connection.send("GET /socket HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n")
        let answer = await connection.readUntilClose()
        #expect(answer.hasPrefix("HTTP/1.1 404"), "\(answer)")
        #expect(answer.lowercased().contains("connection: close"))
    }
}
