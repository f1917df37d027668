import Foundation
import TEEMesh
import TEETesting
import Testing
#if canImport(Glibc)
import Glibc
#endif
// Compiled in one batch with tests that import NIO, the socket structs below may be owned by
// NIO's C module, which then must be imported for their fields (MemberImportVisibility).
#if canImport(CNIOLinux)
import CNIOLinux
#endif

@Suite("the owner of a local TCP client, from /proc/net/tcp")
struct TCPSocketTableTests {
    @Test("lines of /proc/net/tcp parse into endpoints and uids")
    func parses() throws {
        let text = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0
               1: 0100007F:C350 014D7F7F:0050 01 00000000:00000000 00:00000000 00000000  1000        0 23456 1 0000000000000000 20 4 30 10 -1
               2: garbage
            """
        let table = TCPSocketTable(procNetTCP: text)
        #expect(table.entries.count == 2)
        #expect(table.entries[0].local.description == "127.0.0.1:8080" && table.entries[0].uid == 0)
        let client = try #require(TCPEndpoint(address: "127.0.0.1", port: 50000))
        let agent = try #require(TCPEndpoint(address: "127.127.77.1", port: 80))
        #expect(table.owner(ofClient: client, connectedTo: agent) == 1000)
        #expect(table.owner(ofClient: agent, connectedTo: client) == nil)
        #expect(TCPEndpoint(address: "127.0.0", port: 1) == nil && TCPEndpoint(address: "1.2.3.4", port: 70000) == nil)
    }

    @Test("a real connection's client is found, with the uid of the process that opened it")
    func realConnections() async throws {
        let port = try FreePort.next()
        let listener = try Self.listen(port: port)
        defer { close(listener) }
        let server = try #require(TCPEndpoint(address: "127.0.0.1", port: port))

        // Clients in this process: enough that the table runs past a page of /proc/net/tcp.
        var clients: [TestConnection] = []
        var accepted: [(Int32, TCPEndpoint)] = []
        defer { for (descriptor, _) in accepted { close(descriptor) } }
        for _ in 0..<60 {
            clients.append(try TestConnection(port: port))
            accepted.append(try Self.acceptClient(listener))
        }
        let table = try TCPSocketTable.current()
        #expect(table.entries.count >= 120, "both ends of every connection are listed")
        #expect(accepted.allSatisfy { table.owner(ofClient: $0.1, connectedTo: server) == getuid() })
        _ = clients

        // A client run as nobody, when the test may switch users (root, as in CI).
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
        let other = Process()
        other.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        other.arguments = ["--reuid=65534", "--regid=65534", "--clear-groups", "/usr/bin/python3", "-c",
                           "import socket, time; s = socket.create_connection(('127.0.0.1', \(port))); time.sleep(5)"]
        try other.run()
        defer { other.terminate() }
        let (nobodyConnection, nobodyClient) = try Self.acceptClient(listener)
        defer { close(nobodyConnection) }
        #expect(try TCPSocketTable.current().owner(ofClient: nobodyClient, connectedTo: server) == 65534)
    }

    /// A blocking listener on 127.0.0.1:`port`.
    static func listen(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, bound == 0, Glibc.listen(fd, 8) == 0 else { throw POSIXError(.EADDRINUSE) }
        return fd
    }

    /// Accepts one connection: its descriptor (to close) and its client's endpoint. Waits at
    /// most 5 s, so a client that never comes cannot hold a test thread.
    static func acceptClient(_ listener: Int32) throws -> (Int32, TCPEndpoint) {
        var waiting = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&waiting, 1, 5000) == 1 else { throw POSIXError(.ETIMEDOUT) }
        var peer = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let connection = withUnsafeMutablePointer(to: &peer) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { accept(listener, $0, &length) }
        }
        guard connection >= 0 else { throw POSIXError(.ECONNABORTED) }
        let address = String(cString: inet_ntoa(peer.sin_addr))
        return (connection, TCPEndpoint(address: address, port: Int(UInt16(bigEndian: peer.sin_port)))!)
    }
}
