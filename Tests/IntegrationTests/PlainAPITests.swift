import Foundation
import TEETesting
import Testing

/// A controller started without certificates (as scripts/local-cluster and the benchmarks start
/// one) serves its API and dashboard over plain HTTP to loopback clients only.
@Suite("a controller's API without certificates")
struct PlainAPITests {
    @Test("loopback clients are answered; a client on another address gets 401")
    func loopbackOnly() async throws {
        let etcd = try await EtcdTestCluster(size: 1)
        let apiPort = try FreePort.next()
        let controller = try DaemonProcess("tee-controller", [
            "--name", "m1", "--etcd", etcd.members[0].clientURL, "--api-socket", "", "--api-address", "0.0.0.0:\(apiPort)",
            "--distribution-address", "127.0.0.1:\(try FreePort.next())", "--dynamic-directory", "", "--log-level", "debug",
        ])
        defer { controller.send(SIGKILL) }
        #expect(await ClusterFixture.eventually { (try? TestConnection(port: apiPort)) != nil }, "\(controller.log)")
        #expect(controller.log.contains("answers only clients on loopback"))
        let local = try await Curl.run(["-i", "http://127.0.0.1:\(apiPort)/api/overview"])
        #expect(TestHTTPResponse(parsing: Array(local.output.utf8))?.status == 200, "\(local.output)")
        // Another address of this host, if it has one: the same API refuses it.
        let addresses = try DaemonProcess("/usr/bin/hostname", ["-I"])
        _ = await addresses.waitForExit()
        guard let other = addresses.log.split(whereSeparator: \.isWhitespace).first(where: { !$0.contains(":") && !$0.hasPrefix("127.") }) else {
            return
        }
        let remote = try await Curl.run(["-i", "http://\(other):\(apiPort)/api/overview"])
        #expect(TestHTTPResponse(parsing: Array(remote.output.utf8))?.status == 401, "\(remote.output)")
    }
}
