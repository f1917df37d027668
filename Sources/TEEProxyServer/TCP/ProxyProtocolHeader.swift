import NIOCore
import TEEModel

/// The PROXY protocol header (HAProxy's, versions 1 and 2) that tells a TCP server who the client
/// was, sent before the client's bytes when a TCP service sets `proxyProtocol.version`.
enum ProxyProtocolHeader {
    static let v2Signature: [UInt8] = [0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A]

    /// The header for a connection from `source` to `destination`; nil when either is not an IP address.
    static func make(version: Int, source: SocketAddress?, destination: SocketAddress?) -> ByteBuffer? {
        guard let sourceText = source?.ipAddress, let destinationText = destination?.ipAddress,
              let sourceIP = IPAddress(sourceText), let destinationIP = IPAddress(destinationText),
              let sourcePort = source?.port, let destinationPort = destination?.port else { return nil }
        let isIPv6 = !sourceIP.isIPv4 || !destinationIP.isIPv4
        if version == 1 {
            return ByteBuffer(string: "PROXY \(isIPv6 ? "TCP6" : "TCP4") \(sourceIP) \(destinationIP) \(sourcePort) \(destinationPort)\r\n")
        }
        var buffer = ByteBuffer(bytes: Self.v2Signature)
        buffer.writeInteger(UInt8(0x21))  // version 2, PROXY
        buffer.writeInteger(UInt8(isIPv6 ? 0x21 : 0x11))  // TCP over IPv6 or IPv4
        buffer.writeInteger(UInt16(isIPv6 ? 36 : 12))
        for address in [sourceIP, destinationIP] { buffer.writeBytes(isIPv6 ? address.bytes : Array(address.bytes.suffix(4))) }
        buffer.writeInteger(UInt16(sourcePort))
        buffer.writeInteger(UInt16(destinationPort))
        return buffer
    }
}
