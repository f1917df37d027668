import TEEController
import Testing

@Suite("join tokens")
struct JoinTokenTests {
    @Test("a new token has kubeadm's form, and its record admits only its secret, role and lifetime")
    func token() throws {
        let (record, token) = JoinToken.make(role: "proxy", ttl: .seconds(3600))
        let parts = try #require(JoinToken.parse(token))
        #expect(token.wholeMatch(of: /[a-z0-9]{6}\.[a-z0-9]{16}/) != nil)
        #expect(parts.id == record.id)
        #expect(!record.secretHash.contains(parts.secret), "the record keeps a hash, not the secret")
        #expect(record.admits(secret: parts.secret, role: "proxy"))
        #expect(!record.admits(secret: parts.secret, role: "controller"))
        #expect(!record.admits(secret: "0123456789abcdef", role: "proxy"))
        #expect(!record.admits(secret: parts.secret, role: "proxy", now: record.expires + 1))
    }

    @Test("what is not a token", arguments: ["abcdef", "abcdef.0123456789abcde", "ABCDEF.0123456789abcdef", "abcdef.0123456789abcdef.x", "abcde.0123456789abcdefg"])
    func malformed(text: String) {
        #expect(JoinToken.parse(text) == nil)
    }
}
