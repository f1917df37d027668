import Foundation
import TEEDaemon
import Testing

@Suite struct ExecutableTextPagesTests {
    /// Resident kB of this process's code segments (`r-xp` file mappings), from `/proc/self/smaps`.
    static func residentCode() throws -> Int {
        let smaps = try String(contentsOfFile: "/proc/self/smaps", encoding: .utf8)
        var code = false
        var total = 0
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            if let first = fields.first, first.contains("-"), !first.hasSuffix(":") {
                code = fields.count >= 6 && fields[1] == "r-xp" && fields[5].hasPrefix("/")
            } else if code, fields.first == "Rss:", fields.count >= 2, let kilobytes = Int(fields[1]) {
                total += kilobytes
            }
        }
        return total
    }

    @Test("dropping the resident code pages shrinks them, and the code still runs")
    func dropsCodePages() throws {
        let before = try Self.residentCode()
        #expect(ExecutableTextPages.dropResident() > 0)
        let after = try Self.residentCode()
        #expect(after < before / 2, "resident code: \(before) kB before, \(after) kB after")
        // Everything still works: code comes back from the page cache as it runs.
        #expect(["b", "a"].sorted() == ["a", "b"])
    }
}
