import NIOCore

/// A Redis protocol (RESP2) value.
enum RESPValue: Sendable, Equatable {
    case simple(String)
    case error(String)
    case integer(Int)
    case bulk(String?)
    case array([RESPValue]?)

    /// The value as text (a simple string or bulk string).
    var text: String? {
        switch self {
        case .simple(let text): text
        case .bulk(let text): text
        default: nil
        }
    }

    /// A command: an array of bulk strings.
    static func command(_ words: [String], into buffer: inout ByteBuffer) {
        buffer.writeString("*\(words.count)\r\n")
        for word in words {
            buffer.writeString("$\(word.utf8.count)\r\n")
            buffer.writeString(word)
            buffer.writeString("\r\n")
        }
    }

    /// Reads one value from `buffer`, or nil (reading nothing) while it is incomplete.
    static func read(from buffer: inout ByteBuffer) throws -> RESPValue? {
        var copy = buffer
        guard let value = try Self.parse(&copy) else { return nil }
        buffer = copy
        return value
    }

    private static func line(_ buffer: inout ByteBuffer) -> String? {
        let view = buffer.readableBytesView
        guard let end = view.firstIndex(of: UInt8(ascii: "\r")), end + 1 < view.endIndex else { return nil }
        let text = buffer.readString(length: end - view.startIndex)
        buffer.moveReaderIndex(forwardBy: 2)
        return text
    }

    private static func parse(_ buffer: inout ByteBuffer) throws -> RESPValue? {
        guard let kind = buffer.readInteger(as: UInt8.self), let line = Self.line(&buffer) else { return nil }
        switch kind {
        case UInt8(ascii: "+"): return .simple(line)
        case UInt8(ascii: "-"): return .error(line)
        case UInt8(ascii: ":"): return .integer(Int(line) ?? 0)
        case UInt8(ascii: "$"):
            guard let length = Int(line) else { throw ProviderError("Redis sent a bad bulk length '\(line)'") }
            guard length >= 0 else { return .bulk(nil) }
            guard buffer.readableBytes >= length + 2, let text = buffer.readString(length: length) else { return nil }
            buffer.moveReaderIndex(forwardBy: 2)
            return .bulk(text)
        case UInt8(ascii: "*"):
            guard let count = Int(line) else { throw ProviderError("Redis sent a bad array length '\(line)'") }
            guard count >= 0 else { return .array(nil) }
            var items: [RESPValue] = []
            for _ in 0..<count {
                guard let item = try Self.parse(&buffer) else { return nil }
                items.append(item)
            }
            return .array(items)
        default:
            throw ProviderError("Redis sent an unknown reply type \(kind)")
        }
    }
}
