import Foundation
import Logging
import NIOPosix
import TEEMesh
import TEETesting
import Testing

@Suite("the mesh's DNS responder on a real UDP socket")
struct MeshDNSServerTests {
    @Test("a client's A query over UDP gets the virtual IP; an unknown name gets NXDOMAIN")
    func answersOverUDP() async throws {
        let responder = MeshDNSResponder { $0 == "api.shop.mesh" ? "127.77.1.2" : nil }
        let server = try await MeshDNSServer.bind(host: "127.0.0.1", port: 0, responder: responder,
                                                  group: MultiThreadedEventLoopGroup.singleton, logger: Logger(label: "test"))
        let running = Task { try await server.run() }
        defer { running.cancel() }
        let port = try #require(server.port)
        // Python's resolver-free socket client stands in for systemd-resolved.
        let answer = try await Self.ask(port: port, query: MeshDNSResponderTests.query("api.shop.mesh", id: 7))
        #expect(Array(answer.prefix(2)) == [0, 7])
        #expect(MeshDNSResponderTests.code(answer) == 0 && MeshDNSResponderTests.answers(answer) == 1)
        #expect(Array(answer.suffix(4)) == [127, 77, 1, 2])
        let missing = try await Self.ask(port: port, query: MeshDNSResponderTests.query("web.shop.mesh"))
        #expect(MeshDNSResponderTests.code(missing) == 3)
    }

    /// Sends `query` to 127.0.0.1:`port` from another process and returns the answer's bytes.
    /// (The process is awaited, never waited for on a test thread: those are few and shared.)
    static func ask(port: Int, query: [UInt8]) async throws -> [UInt8] {
        let hex = query.map { String(format: "%02x", $0) }.joined()
        let process = try DaemonProcess("/usr/bin/python3", ["-c", """
            import socket, sys
            s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            s.settimeout(20)
            s.sendto(bytes.fromhex('\(hex)'), ('127.0.0.1', \(port)))
            sys.stdout.write(s.recv(512).hex())
            """])
        guard await process.waitForExit(timeout: .seconds(30)) == 0 else { throw POSIXError(.ETIMEDOUT) }
        let text = process.log.trimmingCharacters(in: .whitespacesAndNewlines)
        var bytes: [UInt8] = []
        var index = text.startIndex
        while let next = text.index(index, offsetBy: 2, limitedBy: text.endIndex), index < text.endIndex {
            bytes.append(UInt8(text[index..<next], radix: 16) ?? 0)
            index = next
        }
        return bytes
    }
}
