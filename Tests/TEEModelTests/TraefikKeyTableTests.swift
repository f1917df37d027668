import Foundation
import TEEModel
import Testing

/// The README's tables of Traefik's keys are rendered from ``TraefikStaticKeys`` and
/// ``TraefikDynamicKeys``; `TEE_UPDATE_README=1 swift test --filter TraefikKeyTableTests` rewrites them.
@Suite struct TraefikKeyTableTests {
    static let readme = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("README.md").path

    @Test("the README lists every Traefik static and dynamic key with what tee does with it")
    func readmeTables() throws {
        let original = try String(contentsOfFile: Self.readme, encoding: .utf8)
        var readme = original
        // One test for both tables: rewriting the README from two tests at once would lose one.
        for (name, schema) in [("static", TraefikStaticKeys.schema), ("dynamic", TraefikDynamicKeys.schema)] {
            let begin = "<!-- traefik-keys:\(name):begin -->\n", end = "<!-- traefik-keys:\(name):end -->"
            let start = try #require(readme.range(of: begin), "README has no \(begin)")
            let stop = try #require(readme.range(of: end, range: start.upperBound..<readme.endIndex))
            let table = schema.markdownTable() + "\n"
            #expect(table.contains("| supported |") && table.contains("| warned: not yet |"))
            if String(readme[start.upperBound..<stop.lowerBound]) != table {
                readme.replaceSubrange(start.upperBound..<stop.lowerBound, with: table)
            }
        }
        if ProcessInfo.processInfo.environment["TEE_UPDATE_README"] == "1" {
            if readme != original { try readme.write(toFile: Self.readme, atomically: true, encoding: .utf8) }
            return
        }
        #expect(readme == original, "the README's key tables are stale: run TEE_UPDATE_README=1 swift test --filter TraefikKeyTableTests")
    }
}
