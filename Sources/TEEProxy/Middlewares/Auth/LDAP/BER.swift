/// The part of ASN.1's Basic Encoding Rules that LDAP messages use: single-byte tags and
/// definite lengths.
enum BER {
    static func element(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        [tag] + self.length(content.count) + content
    }

    static func length(_ count: Int) -> [UInt8] {
        guard count >= 128 else { return [UInt8(count)] }
        var bytes: [UInt8] = []
        var rest = count
        while rest > 0 {
            bytes.insert(UInt8(rest & 0xFF), at: 0)
            rest >>= 8
        }
        return [0x80 | UInt8(bytes.count)] + bytes
    }

    static func integer(_ value: Int, tag: UInt8 = 0x02) -> [UInt8] {
        var bytes: [UInt8] = []
        var rest = value
        repeat {
            bytes.insert(UInt8(truncatingIfNeeded: rest), at: 0)
            rest >>= 8
        } while rest != 0 && rest != -1
        if value >= 0, bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
        if value < 0, bytes[0] & 0x80 == 0 { bytes.insert(0xFF, at: 0) }
        return self.element(tag, bytes)
    }

    static func octetString(_ bytes: [UInt8], tag: UInt8 = 0x04) -> [UInt8] {
        self.element(tag, bytes)
    }

    static func octetString(_ text: String, tag: UInt8 = 0x04) -> [UInt8] {
        self.element(tag, Array(text.utf8))
    }

    static func sequence(_ members: [[UInt8]], tag: UInt8 = 0x30) -> [UInt8] {
        self.element(tag, members.flatMap { $0 })
    }

    static func boolean(_ value: Bool) -> [UInt8] {
        [0x01, 0x01, value ? 0xFF : 0x00]
    }

    /// One decoded element: its tag and content.
    struct Element {
        let tag: UInt8
        let content: ArraySlice<UInt8>

        /// The elements inside a constructed one; nil when they do not parse.
        var children: [Element]? {
            var rest = self.content
            var elements: [Element] = []
            while !rest.isEmpty {
                guard let (element, size) = Element.read(rest) else { return nil }
                elements.append(element)
                rest = rest.dropFirst(size)
            }
            return elements
        }

        var integer: Int? {
            guard !self.content.isEmpty, self.content.count <= 8 else { return nil }
            var value = Int(Int8(bitPattern: self.content.first!))
            for byte in self.content.dropFirst() { value = value << 8 | Int(byte) }
            return value
        }

        var text: String { String(decoding: self.content, as: UTF8.self) }

        /// The first element in `bytes` and how many bytes it took; nil until it is all there (or when it cannot be).
        static func read(_ bytes: ArraySlice<UInt8>) -> (Element, Int)? {
            guard bytes.count >= 2 else { return nil }
            let start = bytes.startIndex
            let first = bytes[start + 1]
            var length = Int(first)
            var header = 2
            if first & 0x80 != 0 {
                let count = Int(first & 0x7F)
                guard count > 0, count <= 4, bytes.count >= 2 + count else { return nil }
                length = 0
                for byte in bytes[(start + 2)..<(start + 2 + count)] { length = length << 8 | Int(byte) }
                header += count
            }
            guard bytes.count >= header + length else { return nil }
            return (Element(tag: bytes[start], content: bytes[(start + header)..<(start + header + length)]), header + length)
        }
    }
}
