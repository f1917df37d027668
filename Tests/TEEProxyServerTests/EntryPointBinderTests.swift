import Logging
import NIOCore
import NIOPosix
import TEEModel
import TEEProxy
import TEEProxyServer
import TEESystemd
import TEETesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct EntryPointBinderTests {
    @Test("an adopted socket keeps the backlog systemd gave it and serves")
    func adoptionKeepsBacklog() async throws {
        let port = try FreePort.next()
        let fd = try LoopbackSocket.listening(port: port, backlog: 77)

        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let configuration = StaticConfiguration(entryPoints: [EntryPointConfiguration(name: "web", address: ListenAddress(host: "127.0.0.1", port: 1))])
        let socket = ActivatedSocket(fileDescriptor: fd, name: "web")
        let server = try await ProxyServer.bind(
            configuration: configuration, activatedSockets: [socket], group: group, runtime: RuntimeReference(.empty),
            graceTimeout: .seconds(1), logger: Logger(label: "test")
        )
        #expect(socket.listenBacklog == 77)
        #expect(server.boundAddresses["web"]?.port == port)
        #expect(try await TestConnection(port: port).get("/")?.status == 404)

        let run = Task { try await server.run() }
        run.cancel()
        _ = try? await run.value
        try await group.shutdownGracefully()
    }

    @Test("binding a port in use names the entry point and the remedy")
    func portInUse() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        let port = try FreePort.next()
        let entryPoint = EntryPointConfiguration(name: "web", address: ListenAddress(host: "127.0.0.1", port: port))
        let configuration = StaticConfiguration(entryPoints: [entryPoint])
        let first = try await ProxyServer.bind(configuration: configuration, activatedSockets: [], group: group, runtime: RuntimeReference(.empty),
                                               graceTimeout: .seconds(1), logger: Logger(label: "test"))
        await #expect {
            _ = try await ProxyServer.bind(configuration: configuration, activatedSockets: [], group: group, runtime: RuntimeReference(.empty),
                                           graceTimeout: .seconds(1), logger: Logger(label: "test"))
        } throws: { error in
            let text = "\(error)"
            return text.contains("entry point 'web'") && text.contains("127.0.0.1:\(port)") && (error as? EntryPointBindError)?.isPermissionDenied == false
        }
        _ = first
        try await group.shutdownGracefully()
    }
}
