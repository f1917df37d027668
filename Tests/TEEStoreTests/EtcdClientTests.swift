import Synchronization
import TEEModel
import TEEStore
import TEETesting
import Testing

@Suite("the etcd client against real etcd processes")
struct EtcdClientTests {
    /// A client of `url` whose connection runs for the duration of `body`. The default deadline is
    /// generous: on a busy two-core CI machine one etcd fsync can take seconds.
    static func withClient<T: Sendable>(_ url: String, tls: EtcdTLS? = nil, callTimeout: Duration = .seconds(20),
                                        _ body: (EtcdClient) async throws -> T) async throws -> T {
        let client = try EtcdClient(endpoint: try #require(EtcdEndpoint(url: url)), tls: tls, callTimeout: callTimeout)
        let connection = Task { try await client.run() }
        defer {
            client.close()
            connection.cancel()
        }
        return try await body(client)
    }

    @Test("put, get, list, delete, and transactions that hold or fail on revisions")
    func keyValue() async throws {
        let etcd = try await EtcdTestCluster(size: 1)
        try await Self.withClient(etcd.clientURLs[0]) { client in
            #expect(try await client.get("/tee/missing") == nil)
            let first = try await client.put("/tee/a", Array("one".utf8))
            try await client.put("/tee/b", Array("two".utf8))
            try await client.put("/teex/c", Array("outside".utf8))
            let a = try #require(try await client.get("/tee/a"))
            #expect(a.text == "one" && a.modRevision == first && a.createRevision == first)
            let listed = try await client.list(prefix: "/tee/")
            #expect(listed.values.map(\.key) == ["/tee/a", "/tee/b"])
            #expect(listed.revision >= first + 2)

            // A write fenced on the create revision of a.
            let fenced = try await client.transaction(when: [.createRevision("/tee/a", equals: first)],
                                                      then: [.put("/tee/fenced", Array("yes".utf8))])
            #expect(fenced.succeeded)
            let stale = try await client.transaction(when: [.modRevision("/tee/a", equals: first - 1)],
                                                     then: [.put("/tee/fenced", Array("no".utf8))],
                                                     otherwise: [.put("/tee/lost", Array("1".utf8))])
            #expect(!stale.succeeded)
            #expect(try await client.get("/tee/fenced")?.text == "yes")
            #expect(try await client.get("/tee/lost")?.text == "1")
            #expect(try await client.delete("/tee/a") == 1)
            _ = try await client.transaction(when: [], then: [.deletePrefix("/tee/")])
            #expect(try await client.list(prefix: "/tee/").values.isEmpty)
            #expect(try await client.get("/teex/c")?.text == "outside")
        }
    }

    @Test("a lease keeps its key while renewed; revoking it deletes the key")
    func leases() async throws {
        let etcd = try await EtcdTestCluster(size: 1)
        try await Self.withClient(etcd.clientURLs[0]) { client in
            // A TTL long enough that renewals a loaded machine delays by seconds still come in time.
            let lease = try await client.grantLease(ttl: 6)
            try await client.put("/tee/alive", Array("1".utf8), lease: lease)
            let renewing = Task { try await client.keepAlive(lease: lease, ttl: 6) }
            try await Task.sleep(for: .seconds(7))  // past the TTL: only renewals keep it
            #expect(try await client.get("/tee/alive")?.lease == lease)
            renewing.cancel()
            try await client.revokeLease(lease)
            #expect(try await client.get("/tee/alive") == nil)
            // Renewing a revoked lease fails as expired.
            await #expect(throws: EtcdError.leaseExpired(lease)) { try await client.keepAlive(lease: lease, ttl: 2) }
        }
    }

    @Test("a watch delivers changes after a revision, in order")
    func watch() async throws {
        let etcd = try await EtcdTestCluster(size: 1)
        try await Self.withClient(etcd.clientURLs[0]) { client in
            let start = try await client.put("/tee/w/before", Array("0".utf8))
            let seen = Mutex<[String]>([])
            let watching = Task {
                try await client.watch(prefix: "/tee/w/", after: start) { events, _ in
                    seen.withLock { $0 += events.map { "\($0.kind == .put ? "put" : "delete") \($0.value.key)=\($0.value.text)" } }
                    return true
                }
            }
            try await client.put("/tee/w/x", Array("1".utf8))
            try await client.put("/tee/other", Array("ignored".utf8))
            try await client.delete("/tee/w/before")
            for _ in 0..<100 where seen.withLock({ $0.count }) < 2 { try await Task.sleep(for: .milliseconds(20)) }
            watching.cancel()
            #expect(seen.withLock { $0 } == ["put /tee/w/x=1", "delete /tee/w/before="])
        }
    }

    @Test("without quorum writes fail fast as unavailable, serializable reads still answer, and members are listed")
    func quorum() async throws {
        let etcd = try await EtcdTestCluster(size: 3)
        try await Self.withClient(etcd.clientURLs[0], callTimeout: .seconds(2)) { client in
            // The first write waits for the members to elect a raft leader (slow on a busy machine).
            var first: Int64?
            for _ in 0..<20 where first == nil {
                first = try? await client.put("/tee/q", Array("before".utf8))
            }
            try #require(first != nil)
            let members = try await client.members()
            #expect(Set(members.map(\.name)) == ["m1", "m2", "m3"])
            await etcd.kill(1)
            await etcd.kill(2)
            let start = ContinuousClock.now
            await #expect {
                try await client.put("/tee/q", Array("after".utf8))
            } throws: { error in
                guard case EtcdError.unavailable = error else { return false }
                return true
            }
            #expect(ContinuousClock.now - start < .seconds(5), "the deadline bounds the wait")
            #expect(try await client.get("/tee/q", serializable: true)?.text == "before")
            try await etcd.restart(1)
            // With two of three back, writes work again.
            var written = false
            for _ in 0..<50 where !written {
                written = (try? await client.put("/tee/q", Array("after".utf8))) != nil
                if !written { try await Task.sleep(for: .milliseconds(100)) }
            }
            #expect(written)
        }
    }

    @Test("mutual TLS: a client with a certificate from the CA reads and writes; one without is refused")
    func mutualTLS() async throws {
        let pki = try await TestCertificates()
        let node = try await pki.issue("node", names: ["127.0.0.1"])
        let etcd = try await EtcdTestCluster(size: 1, tls: .init(caFile: pki.caFile, certFile: node.certFile, keyFile: node.keyFile))
        #expect(etcd.clientURLs[0].hasPrefix("https://"))
        try await Self.withClient(etcd.clientURLs[0], tls: EtcdTLS(caFile: pki.caFile, certFile: node.certFile, keyFile: node.keyFile)) { client in
            try await client.put("/tee/tls", Array("yes".utf8))
            #expect(try await client.get("/tee/tls")?.text == "yes")
        }
        let other = try await TestCertificates()
        let stranger = try await other.issue("stranger", names: ["127.0.0.1"])
        try await Self.withClient(etcd.clientURLs[0], tls: EtcdTLS(caFile: pki.caFile, certFile: stranger.certFile, keyFile: stranger.keyFile),
                                  callTimeout: .seconds(2)) { client in
            await #expect(throws: EtcdError.self) { try await client.get("/tee/tls") }
        }
    }

    @Test("hundreds of calls in a few seconds keep working on one connection")
    func manyCalls() async throws {
        let etcd = try await EtcdTestCluster(size: 1)
        try await Self.withClient(etcd.clientURLs[0]) { client in
            for index in 0..<400 {
                try await client.put("/tee/many/\(index % 10)", Array("\(index)".utf8))
                _ = try await client.get("/tee/many/\(index % 10)")
            }
            #expect(try await client.list(prefix: "/tee/many/").values.count == 10)
        }
    }
}
