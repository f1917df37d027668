import Foundation
import TEETesting
import Testing

@Suite("man pages and completions generated from the command definitions")
struct GeneratedDocsTests {
    /// The repository's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    @Test("the committed man pages and completions match the programs (run scripts/generate-docs after changing options)")
    func upToDate() async throws {
        let check = try DaemonProcess("/usr/bin/python3", ["\(Self.root)/scripts/generate-docs", "--check", "--bin", BuildProducts.directory])
        let status = await check.waitForExit()
        #expect(status == 0, "\(check.log)")
        let page = try String(contentsOfFile: "\(Self.root)/man/teeadm-join.8", encoding: .utf8)
        #expect(page.contains("ca\\-cert\\-hash"), "the join page documents --ca-cert-hash")
    }
}
