import Foundation
import TEETesting
import Testing

/// The packages run tee-proxy as the unprivileged `tee` user. A socket option that needs a
/// privilege fails there and NIO closes the connection: once, TCP_NODELAY was set at the socket
/// level, which is SO_DEBUG, and every connection of a packaged proxy was closed. Tests run as
/// root in CI, so this one drops to `nobody` with setpriv(1) to see what the packages see.
@Suite("tee-proxy without privileges")
struct UnprivilegedProxyTests {
    @Test("a proxy running as nobody accepts connections and forwards requests")
    func forwardsAsNobody() async throws {
        let backend = try await TestBackend(name: "plain")
        defer { Task { await backend.stop() } }
        let directory = try TemporaryDirectory.make(prefix: "unprivileged")
        #expect(chmod(directory, 0o755) == 0)
        // A copy of the program in a directory nobody may enter (the build tree's may not be).
        let program = "\(directory)/tee-proxy"
        try FileManager.default.copyItem(atPath: BuildProducts.path(of: "tee-proxy"), toPath: program)
        let port = try FreePort.next()
        let configuration = "\(directory)/proxy.yaml"
        try """
            entryPoints:
              web:
                address: "127.0.0.1:\(port)"
            providers:
              file:
                filename: \(directory)/dynamic.yaml
            """.write(toFile: configuration, atomically: true, encoding: .utf8)
        try """
            http:
              routers:
                all: {rule: "PathPrefix(`/`)", service: plain}
              services:
                plain:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """.write(toFile: "\(directory)/dynamic.yaml", atomically: true, encoding: .utf8)
        for file in [configuration, "\(directory)/dynamic.yaml"] { #expect(chmod(file, 0o644) == 0) }

        let process = try await Self.start(program, ["--config", configuration])
        defer { process.send(SIGKILL) }
        try #require(await process.waitForLog("Listening address=127.0.0.1:\(port)"), "log:\n\(process.log)")

        for _ in 0..<3 {
            let response = try await TestConnection(port: port).get("/hello", host: "localhost")
            #expect(response?.status == 200, "log:\n\(process.log)")
            #expect(response?.field("uri") == "/hello")
        }
    }

    /// Starts the copied program (as nobody when we are root). While the parallel tests start
    /// processes, a child forked in the moment the copy was open for writing still holds it until
    /// it execs, and executing the copy then fails with ETXTBSY ("Text file busy"), as Linux
    /// does for any program being written: that start is tried again.
    static func start(_ program: String, _ arguments: [String]) async throws -> DaemonProcess {
        for _ in 0..<20 {
            let process = geteuid() == 0
                ? try DaemonProcess("/usr/bin/setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", program] + arguments)
                : try DaemonProcess(program, arguments)
            // A start that failed exits at once; one still running after 2 s has started.
            guard await process.waitForExit(timeout: .seconds(2)) != nil, process.log.contains("Text file busy") else { return process }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw POSIXFailure("\(program) stayed busy (ETXTBSY)")
    }
}
