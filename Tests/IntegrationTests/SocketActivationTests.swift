import Foundation
import TEETesting
import Testing

/// `systemd-socket-activate` (from the systemd package) passes a listening socket the way
/// a `.socket` unit does, without systemd as PID 1.
@Suite("socket activation with systemd-socket-activate")
struct SocketActivationTests {
    static let activator = "/usr/bin/systemd-socket-activate"

    @Test("the entry point named like the socket serves on the socket systemd handed over")
    func servesOnPassedSocket() async throws {
        let passedPort = try FreePort.next()
        let config = try ProxyConfigFile()  // web's own address is a different free port
        let activator = try DaemonProcess(
            Self.activator,
            ["-l", "127.0.0.1:\(passedPort)", "--fdname=web", BuildProducts.path(of: "tee-proxy"), "--config", config.path]
        )
        defer { activator.send(SIGTERM) }
        try #require(await activator.waitForLog("Listening on 127.0.0.1:\(passedPort)"), "log:\n\(activator.log)")

        // The first connection makes systemd-socket-activate exec the daemon, which must accept it.
        let response = try await TestConnection(port: passedPort).get("/anything")
        #expect(response?.status == 404)
        #expect(response?.body == "404 page not found\n")
        #expect(activator.log.contains("Serving entry point on socket passed by systemd"), "log:\n\(activator.log)")
        // The entry point was not also bound to its configured address.
        #expect(throws: (any Error).self) { try TestConnection(port: config.webPort) }
        // An entry point without a passed socket is bound as usual.
        #expect(try await TestConnection(port: config.pingPort).get("/ping")?.body == "OK")
    }

    @Test("a passed socket that matches no entry point is an error naming it")
    func unknownSocketName() async throws {
        let passedPort = try FreePort.next()
        let config = try ProxyConfigFile()
        let activator = try DaemonProcess(
            Self.activator,
            ["-l", "127.0.0.1:\(passedPort)", "--fdname=websecure", BuildProducts.path(of: "tee-proxy"), "--config", config.path]
        )
        try #require(await activator.waitForLog("Listening on"), "log:\n\(activator.log)")
        let connection = try TestConnection(port: passedPort, timeout: .seconds(5))
        _ = await connection.readUntilClose()
        #expect(await activator.waitForExit() == 6, "log:\n\(activator.log)")
        #expect(activator.log.contains("systemd passed a socket named 'websecure' but no entry point has that name"))
    }
}
