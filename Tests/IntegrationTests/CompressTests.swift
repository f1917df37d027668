import Foundation
import TEETesting
import Testing

@Suite("compress middleware on a real tee-proxy")
struct CompressTests {
    @Test("br and gzip bodies decompress to the original; small, excluded or unaccepted responses are left alone", arguments: [
        ("br", "/stream/8/5000", "br" as String?),
        ("gzip", "/stream/8/5000", "gzip"),
        ("gzip, br;q=0", "/stream/3/5000", "gzip"),
        ("br", "/echo", nil),               // below minResponseBodyBytes
        ("identity", "/stream/2/5000", nil),
    ])
    func compress(acceptEncoding: String, path: String, expected: String?) async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                app:
                  rule: "PathPrefix(`/`)"
                  service: app
                  middlewares: [squeeze]
              middlewares:
                squeeze:
                  compress:
                    minResponseBodyBytes: 100
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """)
        let directory = try TemporaryDirectory.make(prefix: "compress")
        let url = "http://127.0.0.1:\(proxy.webPort)\(path)"
        let raw = try await Curl.run(["-H", "Accept-Encoding: \(acceptEncoding)", "-D", "\(directory)/headers", "-o", "\(directory)/raw", url])
        #expect(raw.status == 0)
        let headers = try String(contentsOfFile: "\(directory)/headers", encoding: .utf8).lowercased()
        if let expected {
            #expect(headers.contains("content-encoding: \(expected)"), "\(headers)")
            #expect(headers.contains("vary: accept-encoding"))
            #expect(!headers.contains("content-length"))
            let decoded = try await Curl.run(["--compressed", "-H", "Accept-Encoding: \(expected)", "-o", "\(directory)/decoded", url])
            #expect(decoded.status == 0)
            let original = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/decoded"))
            let compressed = try Data(contentsOf: URL(fileURLWithPath: "\(directory)/raw"))
            let chunks = Int(path.split(separator: "/")[1])!
            #expect(original == Data(repeating: UInt8(ascii: "x"), count: chunks * 5000))
            #expect(compressed.count < original.count / 10)
        } else {
            #expect(!headers.contains("content-encoding"), "\(headers)")
        }
    }
}
