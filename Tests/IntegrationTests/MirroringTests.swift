import Foundation
import TEETesting
import Testing

@Suite("mirroring services of a real tee-proxy")
struct MirroringTests {
    @Test("percent of requests are copied to each mirror with their body; mirrorBody and maxBodySize are honoured")
    func mirroring() async throws {
        let main = try await TestBackend(name: "main")
        let shadow = try await TestBackend(name: "shadow")
        let headless = try await TestBackend(name: "headless")
        let capped = try await TestBackend(name: "capped")
        defer { Task { for backend in [main, shadow, headless, capped] { await backend.stop() } } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                half:
                  rule: "Path(`/half`)"
                  service: half
                nobody:
                  rule: "Path(`/nobody`)"
                  service: nobody
                capped:
                  rule: "Path(`/capped`)"
                  service: capped
              services:
                half:
                  mirroring:
                    service: main
                    mirrors: [{name: shadow, percent: 50}]
                nobody:
                  mirroring:
                    service: main
                    mirrorBody: false
                    mirrors: [{name: headless, percent: 100}]
                capped:
                  mirroring:
                    service: main
                    maxBodySize: 4
                    mirrors: [{name: capped-mirror, percent: 100}]
                main:
                  loadBalancer:
                    servers: [{url: "\(main.url)"}]
                shadow:
                  loadBalancer:
                    servers: [{url: "\(shadow.url)"}]
                headless:
                  loadBalancer:
                    servers: [{url: "\(headless.url)"}]
                capped-mirror:
                  loadBalancer:
                    servers: [{url: "\(capped.url)"}]
            """)
        let connection = try proxy.connect()
        for index in 0..<4 {
            let response = try #require(try await connection.post("/half", host: "app.test", body: "hello \(index)"))
            #expect(response.field("backend") == "main")
            #expect(response.field("body-bytes") == "7")
        }
        let copies = await shadow.waitForRequests(2)
        #expect(copies.count == 2)
        #expect(Set(copies.map(\.body)).isSubset(of: ["hello 0", "hello 1", "hello 2", "hello 3"]))
        #expect(copies.allSatisfy { $0.method == "POST" && $0.uri == "/half" && $0.header("Host") == "app.test" })

        #expect(try await connection.post("/nobody", body: "payload")?.field("body-bytes") == "7")
        let headlessCopy = try #require(await headless.waitForRequests(1).first)
        #expect(headlessCopy.body.isEmpty)
        #expect(headlessCopy.header("Content-Length") == "0")

        #expect(try await connection.post("/capped", body: "123456789")?.status == 200)
        #expect(try await connection.post("/capped", body: "abc")?.status == 200)
        _ = await capped.waitForRequests(1)
        try await Task.sleep(for: .milliseconds(200))  // a wrongly sent copy of the large body would have arrived by now
        #expect(capped.received.map(\.body) == ["abc"])
        #expect(main.received.count == 7)
    }
}
