import TEESystemd
import TEETesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct SocketActivationTests {
    /// A TCP socket on loopback listening with `backlog`.
    static func listeningSocket(backlog: CInt) throws -> CInt {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, bound == 0, listen(fd, backlog) == 0 else { throw POSIXFailure("listen") }
        return fd
    }

    @Test func withoutListenFdsThereAreNoSockets() throws {
        #expect(try SocketActivation.takeSockets().isEmpty)
    }

    @Test func matchesSocketsToEntryPointsByName() throws {
        let fd = try Self.listeningSocket(backlog: 16)
        defer { close(fd) }
        let web = ActivatedSocket(fileDescriptor: fd, name: "web")
        #expect(try SocketActivation.match([web], toEntryPoints: ["web", "websecure"]) == ["web": web])
        #expect(try SocketActivation.match([], toEntryPoints: ["web"]).isEmpty)
    }

    @Test func aSocketWithoutAnEntryPointIsAnError() throws {
        let fd = try Self.listeningSocket(backlog: 16)
        defer { close(fd) }
        #expect(throws: SocketActivationError.unknownSocketName(name: "admin", known: ["web"])) {
            try SocketActivation.match([ActivatedSocket(fileDescriptor: fd, name: "admin")], toEntryPoints: ["web"])
        }
        let message = SocketActivationError.unknownSocketName(name: "admin", known: ["web"]).description
        #expect(message.contains("'admin'") && message.contains("FileDescriptorName="))
    }

    @Test func twoSocketsWithOneNameAreAnError() throws {
        let first = try Self.listeningSocket(backlog: 16)
        let second = try Self.listeningSocket(backlog: 16)
        defer { close(first); close(second) }
        #expect(throws: SocketActivationError.duplicateSocketName(name: "web")) {
            try SocketActivation.match(
                [ActivatedSocket(fileDescriptor: first, name: "web"), ActivatedSocket(fileDescriptor: second, name: "web")],
                toEntryPoints: ["web"]
            )
        }
    }

    @Test func aDatagramSocketIsRejected() throws {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        defer { close(fd) }
        #expect(throws: SocketActivationError.notAListeningSocket(name: "web", fileDescriptor: fd)) {
            try SocketActivation.match([ActivatedSocket(fileDescriptor: fd, name: "web")], toEntryPoints: ["web"])
        }
    }

    @Test func readsAndRestoresTheBacklog() throws {
        let fd = try Self.listeningSocket(backlog: 77)
        defer { close(fd) }
        let socket = ActivatedSocket(fileDescriptor: fd, name: "web")
        #expect(socket.listenBacklog == 77)
        #expect(listen(fd, 128) == 0)
        #expect(socket.listenBacklog == 128)
        try socket.restoreBacklog(77)
        #expect(socket.listenBacklog == 77)
    }
}
