import Logging
import ServiceLifecycle
import Synchronization
import TEEDistribution
import TEEModel
import TEETesting
import Testing

/// A controller side that hands out snapshots the test publishes and records what nodes say.
final class RecordingDelegate: DistributionDelegate {
    private let state = Mutex<(snapshots: [ConfigurationSnapshot], continuations: [AsyncStream<ConfigurationSnapshot>.Continuation],
                               log: [String])>(([], [], []))

    func publish(_ snapshot: ConfigurationSnapshot) {
        self.state.withLock { state in
            state.snapshots.append(snapshot)
            for continuation in state.continuations { continuation.yield(snapshot) }
        }
    }

    var log: [String] { self.state.withLock { $0.log } }

    func snapshots() -> AsyncStream<ConfigurationSnapshot> {
        let (stream, continuation) = AsyncStream.makeStream(of: ConfigurationSnapshot.self)
        self.state.withLock { state in
            if let latest = state.snapshots.last { continuation.yield(latest) }
            state.continuations.append(continuation)
        }
        return stream
    }

    func nodeConnected(_ hello: NodeHello, peer: String) async {
        self.state.withLock { $0.log.append("hello \(hello.nodeName) \(hello.role) serving \(hello.appliedVersion)") }
    }

    func nodeAcknowledged(_ node: String, _ acknowledgement: SnapshotAcknowledgement) async {
        self.state.withLock {
            $0.log.append("\(node) \(acknowledgement.applied ? "applied" : "rejected") \(acknowledgement.version)"
                + (acknowledgement.error.map { ": \($0)" } ?? ""))
        }
    }

    func nodeDisconnected(_ node: String) async {
        self.state.withLock { $0.log.append("\(node) left") }
    }
}

@Suite("the snapshot stream over real sockets and mutual TLS")
struct SnapshotStreamTests {
    static func snapshot(_ version: UInt64) -> ConfigurationSnapshot {
        ConfigurationSnapshot(version: version, documents: [
            ConfigurationDocument(provider: "api", name: "main", format: "yaml", content: "# version \(version)\n"),
        ])
    }

    static func eventually(_ condition: () -> Bool) async -> Bool {
        for _ in 0..<200 where !condition() { try? await Task.sleep(for: .milliseconds(25)) }
        return condition()
    }

    @Test("a node gets the current snapshot and each new one, acknowledges or rejects each, and moves to the next controller")
    func stream() async throws {
        let pki = try await TestCertificates()
        let node = try await pki.issue("node", names: ["127.0.0.1"])
        let tls = DistributionTLS(caFile: pki.caFile, certFile: node.certFile, keyFile: node.keyFile)
        let deadPort = try FreePort.next()  // nothing listens here: the client moves on
        let port = try FreePort.next()
        let delegate = RecordingDelegate()
        delegate.publish(Self.snapshot(1))
        let server = DistributionServer(host: "127.0.0.1", port: port, tls: tls, delegate: delegate)
        let serving = Task { try await server.run() }
        defer { serving.cancel() }

        let applied = Mutex<[UInt64]>([])
        let client = DistributionClient(controllers: ["127.0.0.1:\(deadPort)", "127.0.0.1:\(port)"], tls: tls,
                                        logger: Logger(label: "test")) {
            NodeHello(nodeName: "p1", role: "proxy", appliedVersion: applied.withLock { $0.last ?? 0 }, softwareVersion: "test")
        }
        let running = Task {
            await client.run { snapshot in
                // Version 3 is rejected, the rest applied.
                guard snapshot.version != 3 else { return "entry point missing" }
                applied.withLock { $0.append(snapshot.version) }
                return nil
            }
        }
        defer { running.cancel() }
        #expect(await Self.eventually { applied.withLock { $0 } == [1] }, "\(delegate.log)")
        delegate.publish(Self.snapshot(2))
        delegate.publish(Self.snapshot(3))
        #expect(await Self.eventually { delegate.log.contains("p1 rejected 3: entry point missing") }, "\(delegate.log)")
        #expect(applied.withLock { $0 } == [1, 2])
        #expect(delegate.log.prefix(3) == ["hello p1 proxy serving 0", "p1 applied 1", "p1 applied 2"], "\(delegate.log)")
        // The client ends before the server: a connection the server accepts while it stops can
        // trip an assertion in the gRPC transport (seen once under a loaded full run).
        running.cancel()
        await running.value
    }

    @Test("a client without a certificate from the cluster CA gets nothing")
    func strangerRefused() async throws {
        let pki = try await TestCertificates()
        let node = try await pki.issue("node", names: ["127.0.0.1"])
        let port = try FreePort.next()
        let delegate = RecordingDelegate()
        delegate.publish(Self.snapshot(1))
        let server = DistributionServer(host: "127.0.0.1", port: port,
                                        tls: DistributionTLS(caFile: pki.caFile, certFile: node.certFile, keyFile: node.keyFile),
                                        delegate: delegate)
        let serving = Task { try await server.run() }
        defer { serving.cancel() }
        let otherCA = try await TestCertificates()
        let stranger = try await otherCA.issue("stranger", names: ["127.0.0.1"])
        let received = Mutex(0)
        let client = DistributionClient(controllers: ["127.0.0.1:\(port)"],
                                        tls: DistributionTLS(caFile: pki.caFile, certFile: stranger.certFile, keyFile: stranger.keyFile),
                                        logger: Logger(label: "test")) {
            NodeHello(nodeName: "intruder", role: "proxy", appliedVersion: 0, softwareVersion: "test")
        }
        let running = Task { await client.run { _ in received.withLock { $0 += 1 }; return nil } }
        try await Task.sleep(for: .seconds(1))
        running.cancel()
        await running.value  // before the server stops (see above)
        #expect(received.withLock { $0 } == 0)
        #expect(!delegate.log.contains { $0.contains("intruder") })
    }
}
