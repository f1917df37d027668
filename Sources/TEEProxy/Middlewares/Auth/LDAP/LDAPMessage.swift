import TEEModel

/// The LDAP v3 operations the ldap middleware sends (RFC 4511) and the answers it reads.
enum LDAPMessage {
    /// An answer: the message ID, the operation's tag, its elements.
    struct Response {
        let messageID: Int
        let operation: UInt8
        let fields: [BER.Element]

        /// `resultCode` of an LDAPResult (bind response, search done); 0 is success.
        var resultCode: Int? { self.fields.first?.integer }

        static let bind: UInt8 = 0x61
        static let searchEntry: UInt8 = 0x64
        static let searchDone: UInt8 = 0x65
        static let searchReference: UInt8 = 0x73
        static let extended: UInt8 = 0x78

        init?(_ element: BER.Element) {
            guard element.tag == 0x30, let parts = element.children, parts.count >= 2, let id = parts[0].integer,
                  let fields = parts[1].children else { return nil }
            self.messageID = id
            self.operation = parts[1].tag
            self.fields = fields
        }
    }

    /// A simple bind (`version 3, name, simple password`).
    static func bind(id: Int, dn: String, password: String) -> [UInt8] {
        BER.sequence([BER.integer(id), BER.sequence([BER.integer(3), BER.octetString(dn), BER.octetString(password, tag: 0x80)], tag: 0x60)])
    }

    /// A subtree search under `base` for at most two entries, asking for no attributes (`1.1`).
    static func search(id: Int, base: String, filter: LDAPFilter) -> [UInt8] {
        BER.sequence([BER.integer(id), BER.sequence([
            BER.octetString(base), BER.integer(2, tag: 0x0A), BER.integer(0, tag: 0x0A), BER.integer(2), BER.integer(10), BER.boolean(false),
            self.encode(filter), BER.sequence([BER.octetString("1.1")]),
        ], tag: 0x63)])
    }

    static func unbind(id: Int) -> [UInt8] {
        BER.sequence([BER.integer(id), [0x42, 0x00]])
    }

    static func encode(_ filter: LDAPFilter) -> [UInt8] {
        switch filter {
        case .and(let members): BER.sequence(members.map(self.encode), tag: 0xA0)
        case .or(let members): BER.sequence(members.map(self.encode), tag: 0xA1)
        case .not(let inner): BER.element(0xA2, self.encode(inner))
        case .equal(let attribute, let value): BER.sequence([BER.octetString(attribute), BER.octetString(value)], tag: 0xA3)
        case .greaterOrEqual(let attribute, let value): BER.sequence([BER.octetString(attribute), BER.octetString(value)], tag: 0xA5)
        case .lessOrEqual(let attribute, let value): BER.sequence([BER.octetString(attribute), BER.octetString(value)], tag: 0xA6)
        case .approximate(let attribute, let value): BER.sequence([BER.octetString(attribute), BER.octetString(value)], tag: 0xA8)
        case .present(let attribute): BER.octetString(attribute, tag: 0x87)
        case .substrings(let attribute, let initial, let any, let final):
            BER.sequence([BER.octetString(attribute), BER.sequence(
                (initial.map { [BER.octetString($0, tag: 0x80)] } ?? []) + any.map { BER.octetString($0, tag: 0x81) }
                    + (final.map { [BER.octetString($0, tag: 0x82)] } ?? []))], tag: 0xA4)
        }
    }

    /// `value` escaped for a DN's attribute value (RFC 4514 §2.4).
    static func escapeDNValue(_ value: String) -> String {
        var escaped = ""
        for (index, character) in value.enumerated() {
            switch character {
            case ",", "+", "\"", "\\", "<", ">", ";", "=": escaped += "\\" + String(character)
            case "\u{0}": escaped += "\\00"
            case "#" where index == 0: escaped += "\\#"
            case " " where index == 0 || index == value.count - 1: escaped += "\\ "
            default: escaped.append(character)
            }
        }
        return escaped
    }
}
