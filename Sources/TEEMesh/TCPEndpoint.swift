/// An IPv4 address and port, as the socket table writes them.
public struct TCPEndpoint: Hashable, Sendable, CustomStringConvertible {
    /// The address in network order, as four octets.
    public var octets: [UInt8]
    public var port: Int

    /// `a.b.c.d` and a port; nil for anything else.
    public init?(address: String, port: Int) {
        let parts = address.split(separator: ".", omittingEmptySubsequences: false).map { UInt8($0) }
        guard parts.count == 4, parts.allSatisfy({ $0 != nil }), (0...65535).contains(port) else { return nil }
        self.octets = parts.map { $0! }
        self.port = port
    }

    /// `/proc/net/tcp`'s `0100007F:1F90` (the address as a host-order 32-bit word, little-endian
    /// on the machines we support, then the port): 127.0.0.1:8080.
    init?(procHex text: Substring) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 8, let word = UInt32(parts[0], radix: 16), let port = Int(parts[1], radix: 16) else { return nil }
        self.octets = [UInt8(word & 0xff), UInt8((word >> 8) & 0xff), UInt8((word >> 16) & 0xff), UInt8(word >> 24)]
        self.port = port
    }

    public var address: String { self.octets.map(String.init).joined(separator: ".") }

    public var description: String { "\(self.address):\(self.port)" }
}
