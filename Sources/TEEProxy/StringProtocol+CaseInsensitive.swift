extension StringProtocol {
    /// ASCII case-insensitive equality without allocating; `other` is a lower-case literal.
    public func caseInsensitiveEquals(_ other: StaticString) -> Bool {
        let count = other.utf8CodeUnitCount
        guard self.utf8.count == count else { return false }
        return other.withUTF8Buffer { expected in
            var index = 0
            for byte in self.utf8 {
                // Lower-case ASCII letters; leaves every other byte alone.
                let lowered = byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte
                if lowered != expected[index] { return false }
                index += 1
            }
            return true
        }
    }
}
