import Foundation
import TEETesting
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite("retry middleware on a real tee-proxy")
struct RetryTests {
    @Test("requests that find a dead server are retried on the next; without retry they get 502")
    func deadServer() async throws {
        let live = try await TestBackend(name: "live")
        defer { Task { await live.stop() } }
        let dead = "http://127.0.0.1:\(try FreePort.next())"
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                retried:
                  rule: "PathPrefix(`/retried`)"
                  service: pair
                  middlewares: [again]
                plain:
                  rule: "PathPrefix(`/plain`)"
                  service: pair2
              middlewares:
                again:
                  retry:
                    attempts: 3
                    initialInterval: 10ms
              services:
                pair:
                  loadBalancer:
                    servers: [{url: "\(dead)"}, {url: "\(live.url)"}]
                pair2:
                  loadBalancer:
                    servers: [{url: "\(dead)"}, {url: "\(live.url)"}]
            """)
        let connection = try proxy.connect()
        for index in 0..<4 {
            let response = try #require(try await connection.post("/retried/\(index)", body: "body \(index)"))
            #expect(response.status == 200)
            #expect(response.field("body-bytes") == "6")
        }
        var plain: [Int] = []
        for _ in 0..<2 { plain.append(try await proxy.get("/plain")?.status ?? 0) }
        #expect(plain.sorted() == [200, 502])
    }

    @Test("after the request went out, only idempotent requests without a body are retried")
    func silentServer() async throws {
        let live = try await TestBackend(name: "live")
        defer { Task { await live.stop() } }
        // Listens but never accepts: the request goes out and no answer ever comes.
        let silentFD = try LoopbackSocket.listening(backlog: 16)
        defer { close(silentFD) }
        var address = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = LoopbackSocket.withSockaddr(&address) { pointer, _ in getsockname(silentFD, pointer, &length) }
        let silent = "http://127.0.0.1:\(UInt16(bigEndian: address.sin_port))"
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                retried:
                  rule: "PathPrefix(`/`)"
                  service: pair
                  middlewares: [again]
              middlewares:
                again:
                  retry:
                    attempts: 2
              services:
                pair:
                  loadBalancer:
                    serversTransport: quick
                    servers: [{url: "\(silent)"}, {url: "\(live.url)"}]
              serversTransports:
                quick:
                  forwardingTimeouts:
                    responseHeaderTimeout: 300ms
            """)
        for _ in 0..<2 { #expect(try await proxy.get("/get")?.status == 200) }
        var posts: [Int] = []
        for _ in 0..<2 { posts.append(try await proxy.connect().post("/post", body: "not twice")?.status ?? 0) }
        #expect(posts.sorted() == [200, 504])
    }
}
