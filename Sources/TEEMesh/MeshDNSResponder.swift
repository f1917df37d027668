/// Answers DNS queries for `<service>.<namespace>.mesh` with the service's virtual IP (systemd-
/// resolved sends the `~mesh` routing domain to the agent). Wire format of RFC 1035, one
/// question per query, no recursion.
///
/// - A for a known name: the address (authoritative, a short TTL, so moves are seen soon).
/// - Any other type for a known name: no answer (NODATA), so clients fall back to A.
/// - An unknown name under `mesh.`: NXDOMAIN. Any other domain: REFUSED.
/// - A query that does not parse: FORMERR; an opcode other than QUERY: NOTIMP.
public struct MeshDNSResponder: Sendable {
    /// The virtual IP (`127.77.x.y`) of a lower-case name such as `api.shop.mesh`, or nil.
    public var lookup: @Sendable (String) -> String?
    public var ttl: UInt32

    public init(ttl: UInt32 = 5, lookup: @escaping @Sendable (String) -> String?) {
        self.ttl = ttl
        self.lookup = lookup
    }

    /// The response to `query`; nil when it is too short to carry an ID to answer.
    public func respond(to query: [UInt8]) -> [UInt8]? {
        guard query.count >= 12 else { return nil }
        let id = Array(query[0..<2])
        let flags = UInt16(query[2]) << 8 | UInt16(query[3])
        let opcode = (flags >> 11) & 0xf
        let recursionDesired = flags & 0x0100
        guard flags & 0x8000 == 0 else { return nil }  // a response: never answer one
        guard opcode == 0 else { return Self.header(id: id, opcode: opcode, recursionDesired: recursionDesired, code: 4) }
        let questionCount = UInt16(query[4]) << 8 | UInt16(query[5])
        guard questionCount == 1, let question = Self.question(in: query) else {
            return Self.header(id: id, opcode: 0, recursionDesired: recursionDesired, code: 1)
        }
        let name = question.labels.joined(separator: ".").lowercased()
        let questionBytes = Array(query[12..<question.end])
        guard name == "mesh" || name.hasSuffix(".mesh") else {
            return Self.header(id: id, opcode: 0, recursionDesired: recursionDesired, code: 5, questions: 1) + questionBytes
        }
        guard let address = self.lookup(name), let octets = Self.octets(address) else {
            return Self.header(id: id, opcode: 0, recursionDesired: recursionDesired, code: 3, questions: 1) + questionBytes
        }
        let isAddressQuestion = question.type == 1 && (question.class == 1 || question.class == 255)
        var response = Self.header(id: id, opcode: 0, recursionDesired: recursionDesired, code: 0, questions: 1,
                                   answers: isAddressQuestion ? 1 : 0) + questionBytes
        if isAddressQuestion {
            response += [0xc0, 0x0c, 0x00, 0x01, 0x00, 0x01]  // the question's name, type A, class IN
            response += withUnsafeBytes(of: self.ttl.bigEndian, Array.init)
            response += [0x00, 0x04] + octets
        }
        return response
    }

    /// A response header: QR and AA set, RD copied, RA clear.
    static func header(id: [UInt8], opcode: UInt16, recursionDesired: UInt16, code: UInt16, questions: UInt16 = 0, answers: UInt16 = 0) -> [UInt8] {
        let flags: UInt16 = 0x8000 | opcode << 11 | 0x0400 | recursionDesired | code
        return id + [UInt8(flags >> 8), UInt8(flags & 0xff), UInt8(questions >> 8), UInt8(questions & 0xff),
                     UInt8(answers >> 8), UInt8(answers & 0xff), 0, 0, 0, 0]
    }

    /// The question after the header: its labels, type, class and where it ends.
    static func question(in query: [UInt8]) -> (labels: [String], type: UInt16, class: UInt16, end: Int)? {
        var position = 12
        var labels: [String] = []
        while true {
            guard position < query.count else { return nil }
            let length = Int(query[position])
            position += 1
            if length == 0 { break }
            // Compression pointers (0xC0) and the reserved forms have no place in a question.
            guard length <= 63, position + length <= query.count else { return nil }
            labels.append(String(decoding: query[position..<position + length], as: UTF8.self))
            position += length
        }
        guard position + 4 <= query.count, !labels.isEmpty else { return nil }
        let type = UInt16(query[position]) << 8 | UInt16(query[position + 1])
        let questionClass = UInt16(query[position + 2]) << 8 | UInt16(query[position + 3])
        return (labels, type, questionClass, position + 4)
    }

    static func octets(_ address: String) -> [UInt8]? {
        let parts = address.split(separator: ".").compactMap { UInt8($0) }
        return parts.count == 4 ? parts : nil
    }
}
