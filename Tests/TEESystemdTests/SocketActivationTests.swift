import TEESystemd
import TEETesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct SocketActivationTests {
    @Test func withoutListenFdsThereAreNoSockets() throws {
        #expect(try SocketActivation.takeSockets().isEmpty)
    }

    @Test func matchesSocketsToEntryPointsByName() throws {
        let fd = try LoopbackSocket.listening(backlog: 16)
        defer { close(fd) }
        let web = ActivatedSocket(fileDescriptor: fd, name: "web")
        #expect(try SocketActivation.match([web], toEntryPoints: ["web", "websecure"]) == ["web": web])
        #expect(try SocketActivation.match([], toEntryPoints: ["web"]).isEmpty)
    }

    @Test func aSocketWithoutAnEntryPointIsAnError() throws {
        let fd = try LoopbackSocket.listening(backlog: 16)
        defer { close(fd) }
        #expect(throws: SocketActivationError.unknownSocketName(name: "admin", known: ["web"])) {
            try SocketActivation.match([ActivatedSocket(fileDescriptor: fd, name: "admin")], toEntryPoints: ["web"])
        }
        let message = SocketActivationError.unknownSocketName(name: "admin", known: ["web"]).description
        #expect(message.contains("'admin'") && message.contains("FileDescriptorName="))
    }

    @Test func twoSocketsWithOneNameAreAnError() throws {
        let first = try LoopbackSocket.listening(backlog: 16)
        let second = try LoopbackSocket.listening(backlog: 16)
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
        let fd = try LoopbackSocket.listening(backlog: 77)
        defer { close(fd) }
        let socket = ActivatedSocket(fileDescriptor: fd, name: "web")
        #expect(socket.listenBacklog == 77)
        #expect(listen(fd, 128) == 0)
        #expect(socket.listenBacklog == 128)
        try socket.restoreBacklog(77)
        #expect(socket.listenBacklog == 77)
    }
}
