import Foundation
import TEETesting
import Testing

@Suite("UDP routers of a real tee-proxy")
struct UDPRoutingTests {
    @Test("datagrams round-trip through a UDP entry point; each client keeps its server, clients are balanced")
    func roundTrips() async throws {
        let one = try UDPEchoServer(name: "one")
        let two = try UDPEchoServer(name: "two")
        defer { one.stop(); two.stop() }
        let udpPort = try FreePort.next()
        let proxy = try await ProxyFixture(dynamic: """
            udp:
              routers:
                dns:
                  entryPoints: [dns]
                  service: echo
              services:
                echo:
                  loadBalancer:
                    servers: [{address: "\(one.address)"}, {address: "\(two.address)"}]
            """, entryPointExtra: """
              dns:
                address: "127.0.0.1:\(udpPort)/udp"
                udp:
                  timeout: 120s
            """)
        // Sessions last 120 s here, so a stalled test machine cannot end one between two datagrams.
        #expect(await proxy.process.waitForLog("address=127.0.0.1:\(udpPort)/udp"))
        let first = try UDPTestClient(port: udpPort)
        let second = try UDPTestClient(port: udpPort)
        let a = try #require(await first.exchange("ping 1"), "no answer:\n\(proxy.process.log)")
        let server = String(a.prefix { $0 != ":" })
        #expect(a == "\(server):ping 1")
        #expect(await first.exchange("ping 2") == "\(server):ping 2", "a session stays on its server")
        let b = try #require(await second.exchange("hello"))
        #expect(b == "\(server == "one" ? "two" : "one"):hello", "a new client goes to the next server")
    }
}
