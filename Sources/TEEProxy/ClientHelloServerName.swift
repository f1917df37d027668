public import NIOCore

/// Reads the server name (SNI) from the first TLS record of a connection, before any TLS handler
/// sees it, so that the connection can be given the TLS context of the options its host uses.
public enum ClientHelloServerName: Equatable {
    /// The record has not fully arrived.
    case incomplete
    /// The ClientHello was read: the server name (nil when it names none, or is not one tee can
    /// read; the TLS handler then answers it with the default context) and the ALPN offers.
    case read(String?, alpn: [String] = [])

    /// The largest TLS record (2^14 bytes plus header and expansion); a ClientHello longer than one is not read.
    public static let maximumRecordLength = 16_384 + 2_048

    public static func parse(_ buffer: ByteBuffer) -> ClientHelloServerName {
        var record = buffer
        guard let header = record.readBytes(length: 5) else { return .incomplete }
        let length = Int(header[3]) << 8 | Int(header[4])
        guard header[0] == 0x16, length <= Self.maximumRecordLength else { return .read(nil) }
        guard var body = record.readSlice(length: length) else { return .incomplete }
        let (name, alpn) = Self.extensions(inHandshake: &body)
        return .read(name, alpn: alpn)
    }

    /// The `server_name` extension's host name and the `application_layer_protocol_negotiation` offers.
    private static func extensions(inHandshake body: inout ByteBuffer) -> (String?, [String]) {
        guard body.readInteger(as: UInt8.self) == 1,  // ClientHello
              Self.skip(&body, 3 + 2 + 32),  // length, version, random
              Self.skipVector(&body, lengthBytes: 1),  // session id
              Self.skipVector(&body, lengthBytes: 2),  // cipher suites
              Self.skipVector(&body, lengthBytes: 1),  // compression methods
              let extensionsLength = body.readInteger(as: UInt16.self),
              var extensions = body.readSlice(length: Int(extensionsLength))
        else { return (nil, []) }
        var serverName: String?
        var alpn: [String] = []
        while let type = extensions.readInteger(as: UInt16.self), let length = extensions.readInteger(as: UInt16.self),
              var data = extensions.readSlice(length: Int(length)) {
            guard let listLength = data.readInteger(as: UInt16.self), var list = data.readSlice(length: Int(listLength)) else { continue }
            switch type {
            case 0:  // server_name
                while serverName == nil, let nameType = list.readInteger(as: UInt8.self),
                      let nameLength = list.readInteger(as: UInt16.self), let name = list.readString(length: Int(nameLength)) {
                    if nameType == 0 { serverName = name.lowercased() }  // host_name
                }
            case 16:  // application_layer_protocol_negotiation
                while let protocolLength = list.readInteger(as: UInt8.self), let name = list.readString(length: Int(protocolLength)) {
                    alpn.append(name)
                }
            default:
                continue
            }
        }
        return (serverName, alpn)
    }

    private static func skipVector(_ buffer: inout ByteBuffer, lengthBytes: Int) -> Bool {
        let length: Int?
        switch lengthBytes {
        case 1: length = buffer.readInteger(as: UInt8.self).map(Int.init)
        default: length = buffer.readInteger(as: UInt16.self).map(Int.init)
        }
        guard let length else { return false }
        return Self.skip(&buffer, length)
    }

    private static func skip(_ buffer: inout ByteBuffer, _ count: Int) -> Bool {
        guard buffer.readableBytes >= count else { return false }
        buffer.moveReaderIndex(forwardBy: count)
        return true
    }
}
