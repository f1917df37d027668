/// Builds DNS messages (RFC 1035 §4) for the queries and dynamic updates (RFC 2136) of the
/// dns-01 challenge: names written uncompressed, sections counted as they are added.
struct DNSMessageWriter {
    static let typeSOA: UInt16 = 6
    static let typeTXT: UInt16 = 16
    static let typeTSIG: UInt16 = 250
    static let classIN: UInt16 = 1
    static let classNONE: UInt16 = 254
    static let classANY: UInt16 = 255

    private(set) var bytes: [UInt8]
    /// Where each section's count sits in the header: question/zone, answer/prerequisite, authority/update, additional.
    private var counts: [UInt16] = [0, 0, 0, 0]

    /// A header with `id`; `opcode` 0 is a query, 5 an update.
    init(id: UInt16, opcode: UInt8, recursionDesired: Bool = false) {
        self.bytes = []
        Self.append16(&self.bytes, id)
        let flags = UInt16(opcode & 0x0f) << 11 | (recursionDesired ? 0x0100 : 0)
        Self.append16(&self.bytes, flags)
        self.bytes += [UInt8](repeating: 0, count: 8)
    }

    /// A question (or, in an update, the zone): name, type, class.
    mutating func question(_ name: String, type: UInt16, class recordClass: UInt16 = Self.classIN) {
        Self.appendName(&self.bytes, name)
        Self.append16(&self.bytes, type)
        Self.append16(&self.bytes, recordClass)
        self.count(section: 0)
    }

    /// A TXT record in the update section: `class` IN adds it, NONE deletes that exact record.
    mutating func updateTXT(_ name: String, text: String, ttl: UInt32, class recordClass: UInt16) {
        Self.appendName(&self.bytes, name)
        Self.append16(&self.bytes, Self.typeTXT)
        Self.append16(&self.bytes, recordClass)
        Self.append32(&self.bytes, recordClass == Self.classNONE ? 0 : ttl)
        let chunks = Array(text.utf8).chunked(255)
        Self.append16(&self.bytes, UInt16(chunks.reduce(0) { $0 + $1.count + 1 }))
        for chunk in chunks {
            self.bytes.append(UInt8(chunk.count))
            self.bytes += chunk
        }
        self.count(section: 2)
    }

    /// Appends a record already encoded (the TSIG record), counted in the additional section.
    mutating func appendAdditional(_ record: [UInt8]) {
        self.bytes += record
        self.count(section: 3)
    }

    private mutating func count(section: Int) {
        self.counts[section] += 1
        let offset = 4 + section * 2
        self.bytes[offset] = UInt8(self.counts[section] >> 8)
        self.bytes[offset + 1] = UInt8(self.counts[section] & 0xff)
    }

    static func appendName(_ bytes: inout [UInt8], _ name: String) {
        for label in name.split(separator: ".", omittingEmptySubsequences: true) {
            let utf8 = Array(label.utf8.prefix(63))
            bytes.append(UInt8(utf8.count))
            bytes += utf8
        }
        bytes.append(0)
    }

    static func append16(_ bytes: inout [UInt8], _ value: UInt16) {
        bytes += [UInt8(value >> 8), UInt8(value & 0xff)]
    }

    static func append32(_ bytes: inout [UInt8], _ value: UInt32) {
        bytes += [UInt8(value >> 24), UInt8((value >> 16) & 0xff), UInt8((value >> 8) & 0xff), UInt8(value & 0xff)]
    }
}

extension Array {
    /// The elements in runs of at most `size` (one empty run for an empty array).
    fileprivate func chunked(_ size: Int) -> [[Element]] {
        guard !self.isEmpty else { return [[]] }
        return stride(from: 0, to: self.count, by: size).map { Array(self[$0..<Swift.min($0 + size, self.count)]) }
    }
}
