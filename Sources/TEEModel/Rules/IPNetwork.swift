/// An address range in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`) or a single address.
public struct IPNetwork: Sendable, Hashable, CustomStringConvertible {
    public let address: IPAddress
    /// Prefix length over the 128-bit form (IPv4 prefixes are shifted by 96).
    public let prefixLength: Int

    /// Parses `ADDRESS` or `ADDRESS/PREFIX`; nil when malformed.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", maxSplits: 1)
        guard let first = parts.first, let address = IPAddress(String(first)) else { return nil }
        let maximum = address.isIPv4 ? 32 : 128
        var length = maximum
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), (0...maximum).contains(parsed) else { return nil }
            length = parsed
        }
        self.address = address
        self.prefixLength = address.isIPv4 ? length + 96 : length
    }

    /// Whether `candidate` is inside the range.
    public func contains(_ candidate: IPAddress) -> Bool {
        var remaining = self.prefixLength
        for index in 0..<16 where remaining > 0 {
            let bits = min(8, remaining)
            let mask: UInt8 = bits == 8 ? 0xff : ~(0xff >> UInt8(bits))
            if self.address.bytes[index] & mask != candidate.bytes[index] & mask { return false }
            remaining -= bits
        }
        return true
    }

    public var description: String {
        "\(self.address)/\(self.address.isIPv4 ? self.prefixLength - 96 : self.prefixLength)"
    }
}
