/// Reads the parts of a DNS response the dns-01 solver needs: the response code, and the
/// records (owner, type, rdata) of the answer and authority sections, compressed names followed.
struct DNSMessageReader {
    struct Record {
        let name: String
        let type: UInt16
        let data: ArraySlice<UInt8>
    }

    let id: UInt16
    let responseCode: UInt8
    let truncated: Bool
    let answers: [Record]
    let authority: [Record]
    let bytes: [UInt8]

    init?(_ bytes: [UInt8]) {
        guard bytes.count >= 12 else { return nil }
        self.bytes = bytes
        self.id = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
        self.truncated = bytes[2] & 0x02 != 0
        self.responseCode = bytes[3] & 0x0f
        let questions = Int(bytes[4]) << 8 | Int(bytes[5])
        let answerCount = Int(bytes[6]) << 8 | Int(bytes[7])
        let authorityCount = Int(bytes[8]) << 8 | Int(bytes[9])
        var offset = 12
        for _ in 0..<questions {
            guard Self.name(bytes, at: &offset) != nil, offset + 4 <= bytes.count else { return nil }
            offset += 4
        }
        var answers: [Record] = []
        var authority: [Record] = []
        for index in 0..<(answerCount + authorityCount) {
            guard let name = Self.name(bytes, at: &offset), offset + 10 <= bytes.count else { return nil }
            let type = UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
            let length = Int(bytes[offset + 8]) << 8 | Int(bytes[offset + 9])
            offset += 10
            guard offset + length <= bytes.count else { return nil }
            let record = Record(name: name, type: type, data: bytes[offset..<(offset + length)])
            if index < answerCount { answers.append(record) } else { authority.append(record) }
            offset += length
        }
        self.answers = answers
        self.authority = authority
    }

    /// The strings of a TXT record's data, joined (a value longer than 255 bytes is split in several).
    static func text(_ data: ArraySlice<UInt8>) -> String {
        var result: [UInt8] = []
        var index = data.startIndex
        while index < data.endIndex {
            let length = Int(data[index])
            let end = min(index + 1 + length, data.endIndex)
            result += data[(index + 1)..<end]
            index = end
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// A possibly compressed name at `offset`, lower-cased without the final dot; nil when malformed.
    static func name(_ bytes: [UInt8], at offset: inout Int) -> String? {
        var labels: [String] = []
        var position = offset
        var jumped = false
        var jumps = 0
        while position < bytes.count {
            let length = Int(bytes[position])
            if length == 0 {
                if !jumped { offset = position + 1 }
                return labels.joined(separator: ".").lowercased()
            }
            if length & 0xc0 == 0xc0 {
                guard position + 1 < bytes.count, jumps < 32 else { return nil }
                if !jumped { offset = position + 2 }
                jumped = true
                jumps += 1
                position = (length & 0x3f) << 8 | Int(bytes[position + 1])
                continue
            }
            guard position + 1 + length <= bytes.count else { return nil }
            labels.append(String(decoding: bytes[(position + 1)..<(position + 1 + length)], as: UTF8.self))
            position += 1 + length
        }
        return nil
    }
}
