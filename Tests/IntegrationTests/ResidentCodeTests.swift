import Foundation
import TEETesting
import Testing

@Suite("Resident code of a running daemon")
struct ResidentCodeTests {
    /// The resident and total kB of `pid`'s executable code segments of `binary`.
    static func codeSegments(pid: Int32, binary: String) throws -> (resident: Int, size: Int) {
        let smaps = try String(contentsOfFile: "/proc/\(pid)/smaps", encoding: .utf8)
        var inside = false
        var result = (resident: 0, size: 0)
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = fields.first, fields.count >= 2 else { continue }
            if !first.hasSuffix(":") {
                inside = fields.count >= 6 && fields[1] == "r-xp" && fields[5].hasSuffix("/" + binary)
            } else if inside, let kilobytes = Int(fields[1]) {
                switch first {
                case "Size:": result.size += kilobytes
                case "Rss:": result.resident += kilobytes
                default: break
                }
            }
        }
        return result
    }

    @Test("once ready, tee-proxy keeps little of its own code resident (start-up code is dropped)")
    func startUpCodeIsDropped() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend)
        // Start-up alone leaves about half of the segment resident, and nothing would take it
        // back without memory pressure; the daemon drops it once ready (just after it listens).
        var code = try Self.codeSegments(pid: proxy.process.pid, binary: "tee-proxy")
        for _ in 0..<30 where code.resident * 5 >= code.size {
            try await Task.sleep(for: .milliseconds(100))
            code = try Self.codeSegments(pid: proxy.process.pid, binary: "tee-proxy")
        }
        try #require(code.size > 0, "no code segment of tee-proxy in its smaps")
        #expect(code.resident * 5 < code.size, "\(code.resident) kB of \(code.size) kB resident")
        // The code dropped comes back as it is needed.
        #expect(try await proxy.get("/after")?.status == 200)
    }
}
