import TEEMesh
import Testing

@Suite("the mesh's DNS answers")
struct MeshDNSResponderTests {
    static let responder = MeshDNSResponder(ttl: 5) { name in
        ["api.shop.mesh": "127.77.1.2", "db.shop.mesh": "127.77.200.9"][name]
    }

    /// A query for `name` of `type` (1 A, 28 AAAA), with recursion desired.
    static func query(_ name: String, type: UInt16 = 1, id: UInt16 = 0xbeef) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(id >> 8), UInt8(id & 0xff), 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0]
        for label in name.split(separator: ".") { bytes += [UInt8(label.utf8.count)] + Array(label.utf8) }
        return bytes + [0, UInt8(type >> 8), UInt8(type & 0xff), 0, 1]
    }

    static func code(_ response: [UInt8]) -> Int { Int(response[3] & 0x0f) }
    static func answers(_ response: [UInt8]) -> Int { Int(response[6]) << 8 | Int(response[7]) }

    @Test("an A query for a service gets its virtual IP, authoritatively, with the query's ID")
    func answersA() throws {
        let query = Self.query("API.shop.mesh")
        let response = try #require(Self.responder.respond(to: query))
        #expect(Array(response[0..<2]) == [0xbe, 0xef])
        #expect(response[2] & 0x80 != 0, "QR")
        #expect(response[2] & 0x04 != 0, "AA")
        #expect(response[2] & 0x01 != 0, "RD copied")
        #expect(Self.code(response) == 0 && Self.answers(response) == 1)
        #expect(Array(response[12..<query.count]) == Array(query[12...]), "the question is repeated")
        #expect(Array(response.suffix(4)) == [127, 77, 1, 2])
        #expect(Array(response.suffix(10).prefix(4)) == [0, 0, 0, 5], "TTL")
    }

    @Test("answer codes", arguments: [
        ("api.shop.mesh", UInt16(28), 0, 0),   // AAAA for a known name: NODATA
        ("nope.shop.mesh", UInt16(1), 3, 0),   // NXDOMAIN
        ("example.org", UInt16(1), 5, 0),      // not ours: REFUSED
    ])
    func codes(name: String, type: UInt16, code: Int, answers: Int) throws {
        let response = try #require(Self.responder.respond(to: Self.query(name, type: type)))
        #expect(Self.code(response) == code)
        #expect(Self.answers(response) == answers)
    }

    @Test("malformed queries get FORMERR, other opcodes NOTIMP, responses and scraps nothing")
    func malformed() throws {
        var truncated = Self.query("api.shop.mesh")
        truncated.removeLast(3)
        #expect(Self.code(try #require(Self.responder.respond(to: truncated))) == 1)
        var pointer = Self.query("api.shop.mesh")
        pointer[12] = 0xc0
        #expect(Self.code(try #require(Self.responder.respond(to: pointer))) == 1)
        var status = Self.query("api.shop.mesh")
        status[2] = 0x10  // opcode 2 (STATUS)
        #expect(Self.code(try #require(Self.responder.respond(to: status))) == 4)
        var response = Self.query("api.shop.mesh")
        response[2] |= 0x80
        #expect(Self.responder.respond(to: response) == nil)
        #expect(Self.responder.respond(to: [1, 2, 3]) == nil)
    }
}
