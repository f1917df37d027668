import NIOCore

/// Follows the framing of HTTP/1.1 requests in a client's byte stream (request line, header
/// block, `Content-Length` or chunked body) to find where each request starts, and replaces an
/// extension method (`FOO`, `get`, WebDAV's `PROPFIND` ...) by `GET` so NIO's parser, whose
/// method list is fixed, accepts it; the original method is handed back for the decoded head.
///
/// Traefik (Go's net/http) routes any token as a method. Whenever the framing is anything but
/// plain (an upgrade, `CONNECT`, both `Content-Length` and `Transfer-Encoding`, a malformed
/// length), the scanner stops rewriting for the rest of the connection: the parser then sees the
/// client's bytes unchanged and decides, so the scanner can never make a request out of a body.
struct RequestFramingScanner {
    /// One rewritten request: its position on the connection (0 for the first) and its method.
    struct Rewrite: Equatable {
        var request: Int
        var method: String
    }

    /// What to hand the parser for one read, and the methods it replaced.
    struct Output {
        /// `nil` when nothing is to be forwarded yet (a method split across reads is held back).
        var bytes: ByteBuffer?
        var rewrites: [Rewrite]
    }

    private enum State {
        /// Before a request's first byte; empty lines are skipped as the parser skips them.
        case requestStart
        /// Inside the method token; `held` are its bytes from earlier reads, not yet forwarded.
        case method(held: [UInt8])
        /// Request line and header fields, up to the empty line.
        case head(HeadFields)
        case fixedBody(remaining: Int)
        case chunkSize(line: [UInt8])
        case chunkData(remaining: Int)
        /// The line break after a chunk's data.
        case chunkDataEnd(line: [UInt8])
        case trailers(line: [UInt8])
        /// Framing the scanner does not follow: every later byte goes to the parser unchanged.
        case passthrough
    }

    /// What the header block says about the body, collected line by line.
    private struct HeadFields {
        var line: [UInt8] = []
        var isRequestLine = true
        /// `CONNECT`: what follows the head is a tunnel.
        var isConnect: Bool
        var contentLength: Int?
        var transferEncodings: [String] = []
        var upgrade = false
        var malformed = false

        init(isConnect: Bool) {
            self.isConnect = isConnect
        }
    }

    /// Methods NIO's parser takes as they are; `CONNECT` and `PRI` have framing of their own.
    private static let parsedMethods: [[UInt8]] =
        ["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT", "PRI"].map { Array($0.utf8) }
    private static let replacement = Array("GET".utf8)
    private static let priMethod = Array("PRI".utf8)
    private static let connectMethod = Array("CONNECT".utf8)
    /// Longer methods and header lines are left to the parser's own limits.
    private static let maximumMethodLength = 64
    private static let maximumLineLength = 64 * 1024

    private var state = State.requestStart
    private var requestsStarted = 0
    /// The current request's line is longer than the scanner follows (64 KiB): if the parser
    /// then finds the head too large, the answer is 414 (URI too long) rather than 431.
    private(set) var requestLineTooLong = false

    /// Whether the scanner has given up on this connection (every read now passes unchanged).
    var isPassingThrough: Bool {
        if case .passthrough = self.state { return true }
        return false
    }

    /// Scans one read and returns what to forward in its place.
    mutating func scan(_ buffer: ByteBuffer) -> Output {
        if case .passthrough = self.state { return Output(bytes: buffer, rewrites: []) }
        var output = RewrittenReadBuilder(original: buffer)
        var rewrites: [Rewrite] = []
        buffer.withUnsafeReadableBytes { bytes in
            var index = 0
            while index < bytes.count {
                self.step(bytes, at: &index, output: &output, rewrites: &rewrites)
            }
        }
        return Output(bytes: output.finish(), rewrites: rewrites)
    }

    /// Consumes the bytes of the current state that this read holds, from `index` on.
    private mutating func step(_ bytes: UnsafeRawBufferPointer, at index: inout Int, output: inout RewrittenReadBuilder, rewrites: inout [Rewrite]) {
        switch self.state {
        case .passthrough:
            index = bytes.count
        case .requestStart:
            if bytes[index] == UInt8(ascii: "\r") || bytes[index] == UInt8(ascii: "\n") {
                index += 1
            } else {
                self.state = .method(held: [])
                self.requestLineTooLong = false
            }
        case .method(let held):
            let tokenStart = index
            while index < bytes.count, Self.isTokenCharacter(bytes[index]), held.count + index - tokenStart <= Self.maximumMethodLength {
                index += 1
            }
            let length = held.count + index - tokenStart
            if index == bytes.count, length <= Self.maximumMethodLength {
                self.state = .method(held: held + bytes[tokenStart..<index])  // the method goes on in the next read
                output.hold(from: tokenStart)
                return
            }
            let tail = bytes[tokenStart..<index]
            guard bytes[index] == UInt8(ascii: " "), length > 0, length <= Self.maximumMethodLength else {
                output.replace(tokenStart..<tokenStart, with: held)  // not a method: the parser answers it
                self.state = .passthrough
                return
            }
            let request = self.requestsStarted
            self.requestsStarted += 1
            let isConnect = Self.token(held, tail, is: Self.connectMethod)
            if Self.parsedMethods.contains(where: { Self.token(held, tail, is: $0) }) {
                output.replace(tokenStart..<tokenStart, with: held)
                self.state = Self.token(held, tail, is: Self.priMethod) ? .passthrough : .head(HeadFields(isConnect: isConnect))
            } else {
                output.replace(tokenStart..<index, with: Self.replacement)
                rewrites.append(Rewrite(request: request, method: String(decoding: held + tail, as: UTF8.self)))
                self.state = .head(HeadFields(isConnect: isConnect))
            }
        case .head(var fields):
            var pending = fields.line
            fields.line = []
            var longRequestLine = false
            let next = Self.takeLine(from: bytes, at: &index, pending: &pending) { line in
                if fields.isRequestLine {
                    fields.isRequestLine = false
                    longRequestLine = line.count > Self.maximumLineLength
                    return .head(fields)
                }
                if line.isEmpty { return Self.bodyState(after: fields) }
                Self.read(field: line, into: &fields)
                return fields.malformed ? .passthrough : .head(fields)
            }
            if longRequestLine { self.requestLineTooLong = true }
            if let next {
                self.state = next
            } else {
                fields.line = pending
                if pending.count > Self.maximumLineLength {
                    // The parser's head limit will decide; a request line this long is a URI too long.
                    self.requestLineTooLong = fields.isRequestLine
                    self.state = .passthrough
                } else {
                    self.state = .head(fields)
                }
            }
        case .fixedBody(let remaining):
            let taken = min(remaining, bytes.count - index)
            index += taken
            self.state = remaining == taken ? .requestStart : .fixedBody(remaining: remaining - taken)
        case .chunkSize(var pending):
            let next = Self.takeLine(from: bytes, at: &index, pending: &pending) { line in
                switch Self.chunkLength(line) {
                case .none: .passthrough
                case 0: .trailers(line: [])
                case let length?: .chunkData(remaining: length)
                }
            }
            self.state = next ?? (pending.count > Self.maximumLineLength ? .passthrough : .chunkSize(line: pending))
        case .chunkData(let remaining):
            let taken = min(remaining, bytes.count - index)
            index += taken
            self.state = remaining == taken ? .chunkDataEnd(line: []) : .chunkData(remaining: remaining - taken)
        case .chunkDataEnd(var pending):
            let next = Self.takeLine(from: bytes, at: &index, pending: &pending) { line in
                line.isEmpty ? .chunkSize(line: []) : .passthrough
            }
            self.state = next ?? (pending.count > 1 ? .passthrough : .chunkDataEnd(line: pending))
        case .trailers(var pending):
            let next = Self.takeLine(from: bytes, at: &index, pending: &pending) { line in
                line.isEmpty ? .requestStart : .trailers(line: [])
            }
            self.state = next ?? (pending.count > Self.maximumLineLength ? .passthrough : .trailers(line: pending))
        }
    }

    /// Reads the next line: if it ends in this read, passes it (without its line break, joined
    /// with the bytes of it from earlier reads in `pending`) to `body` and returns the state
    /// `body` chose; otherwise keeps the bytes in `pending` and returns `nil`.
    private static func takeLine(
        from bytes: UnsafeRawBufferPointer,
        at index: inout Int,
        pending: inout [UInt8],
        _ body: (UnsafeRawBufferPointer) -> State
    ) -> State? {
        guard let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else {
            pending.append(contentsOf: bytes[index...])
            index = bytes.count
            return nil
        }
        defer { index = newline + 1 }
        let withoutCR = { (line: UnsafeRawBufferPointer) in
            line.last == UInt8(ascii: "\r") ? UnsafeRawBufferPointer(rebasing: line.dropLast()) : line
        }
        if pending.isEmpty {
            return body(withoutCR(UnsafeRawBufferPointer(rebasing: bytes[index..<newline])))
        }
        let line = pending + bytes[index..<newline]
        pending = []
        return line.withUnsafeBytes { body(withoutCR($0)) }
    }

    /// Notes the header fields that decide where the body ends.
    private static func read(field line: UnsafeRawBufferPointer, into fields: inout HeadFields) {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0,
              line[0] != UInt8(ascii: " "), line[0] != UInt8(ascii: "\t") else {
            fields.malformed = true  // obsolete line folding or no name: the parser decides
            return
        }
        let name = UnsafeRawBufferPointer(rebasing: line[..<colon])
        let value = { String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingOptionalWhitespace() }
        if Self.equalsIgnoringCase(name, "content-length") {
            let text = value()
            guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }),
                  let length = Int(text), fields.contentLength == nil || fields.contentLength == length else {
                fields.malformed = true
                return
            }
            fields.contentLength = length
        } else if Self.equalsIgnoringCase(name, "transfer-encoding") {
            fields.transferEncodings += value().split(separator: ",").map { $0.trimmingOptionalWhitespace().lowercased() }
        } else if Self.equalsIgnoringCase(name, "upgrade") {
            fields.upgrade = true
        }
    }

    /// ASCII case-insensitive comparison with a lower-case name.
    private static func equalsIgnoringCase(_ bytes: UnsafeRawBufferPointer, _ name: StaticString) -> Bool {
        guard bytes.count == name.utf8CodeUnitCount else { return false }
        let expected = UnsafeRawBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        return zip(bytes, expected).allSatisfy { byte, lower in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte + 0x20 == lower : byte == lower
        }
    }

    /// Whether a method token, `held` from earlier reads and then `tail`, is `method` (compared
    /// where it lies: the usual request line costs no allocation).
    private static func token(_ held: [UInt8], _ tail: Slice<UnsafeRawBufferPointer>, is method: [UInt8]) -> Bool {
        method.count == held.count + tail.count && method.prefix(held.count).elementsEqual(held)
            && method.dropFirst(held.count).elementsEqual(tail)
    }

    /// Where the scanner goes after the header block: the body as its fields frame it.
    private static func bodyState(after fields: HeadFields) -> State {
        if fields.upgrade || fields.isConnect { return .passthrough }
        if !fields.transferEncodings.isEmpty {
            guard fields.contentLength == nil, fields.transferEncodings.last == "chunked" else { return .passthrough }
            return .chunkSize(line: [])
        }
        if let length = fields.contentLength, length > 0 { return .fixedBody(remaining: length) }
        return .requestStart
    }

    /// A chunk-size line's length (hex digits, then optional extensions); `nil` when malformed.
    private static func chunkLength(_ line: UnsafeRawBufferPointer) -> Int? {
        var length = 0
        var digits = 0
        for byte in line {
            guard let digit = hexValue(byte) else {
                guard byte == UInt8(ascii: ";") || byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") else { return nil }
                break
            }
            digits += 1
            guard digits <= 15 else { return nil }
            length = length * 16 + digit
        }
        return digits > 0 ? length : nil
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }

    /// RFC 9110's `tchar`.
    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            Array("!#$%&'*+-.^_`|~".utf8).contains(byte)
        }
    }
}

extension String {
    /// The string without leading and trailing spaces and tabs (HTTP's optional whitespace).
    fileprivate func trimmingOptionalWhitespace() -> String {
        let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        return String(self.drop(while: isWhitespace).reversed().drop(while: isWhitespace).reversed())
    }
}

extension Substring {
    /// The text without leading and trailing spaces and tabs.
    fileprivate func trimmingOptionalWhitespace() -> String {
        String(self).trimmingOptionalWhitespace()
    }
}
