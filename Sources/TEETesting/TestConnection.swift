import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A TCP connection to loopback with a receive timeout, for speaking raw HTTP in tests.
///
/// The socket calls block, so each runs on a thread of its own: blocking the few threads of
/// Swift's cooperative pool would stall every other test running beside it.
public final class TestConnection: @unchecked Sendable {
    private let fd: CInt
    /// Bytes read past the end of the last response (pipelined responses arrive together).
    private var leftover: [UInt8] = []

    /// Connects to 127.0.0.1:`port`; throws if the connection is refused.
    public init(port: Int, timeout: Duration = .seconds(10)) throws {
        // Assigned only once connected: a throwing init of a fully built object still runs deinit,
        // which would close the descriptor a second time (and with it whatever reused the number).
        self.fd = try LoopbackSocket.connected(SOCK_STREAM, port: port, timeout: timeout)
    }

    deinit { close(self.fd) }

    /// Sends all of `text`.
    private func sendBlocking(_ text: String) throws {
        try self.sendBlocking(bytes: Array(text.utf8))
    }

    /// Sends all of `bytes`; throws once the peer has closed or reset the connection.
    private func sendBlocking(bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(self.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw POSIXFailure("send") }
            offset += sent
        }
    }

    /// One `recv(2)` into `buffer`; the byte count, 0 at end of stream, -1 on error or timeout.
    public func receive(into buffer: inout [UInt8]) -> Int {
        recv(self.fd, &buffer, buffer.count, 0)
    }

    /// Reads until the peer closes or the timeout passes; returns the bytes that arrived and
    /// whether the peer closed (false: the timeout passed with the connection still open).
    private func readUntilCloseBlocking() -> (bytes: [UInt8], closed: Bool) {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = self.receive(into: &buffer)
            if count > 0 {
                data += buffer[..<count]
                continue
            }
            // 0 is the peer's end of stream, a reset is a close too; EAGAIN is the receive timeout.
            return (data, count == 0 || errno != EAGAIN)
        }
    }

    /// Reads one HTTP/1.1 response (`Content-Length` or chunked body); nil on timeout or close first.
    private func readResponseBlocking() -> TestHTTPResponse? {
        var data = self.leftover
        self.leftover = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        var headEnd: Int?
        var scanned = 0
        var chunkScan = 0
        while true {
            if headEnd == nil, let end = TestHTTPResponse.headEnd(in: data, from: scanned) { headEnd = end }
            scanned = max(0, data.count - 3)
            if let headEnd, let length = TestHTTPResponse.completeLength(data, headEnd: headEnd, chunkScan: &chunkScan) {
                self.leftover = Array(data[length...])
                return TestHTTPResponse(parsing: Array(data[..<length]))
            }
            let count = recv(self.fd, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data += buffer[..<count]
        }
    }

    /// Sends a GET and reads its response.
    public func get(_ path: String, host: String = "localhost", headers: [String: String] = [:]) async throws -> TestHTTPResponse? {
        let extra = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
        try await self.send("GET \(path) HTTP/1.1\r\nHost: \(host)\r\n\(extra)\r\n")
        return await self.readResponse()
    }

    /// One POST with `body`; waits for the response.
    public func post(_ path: String, host: String = "localhost", body: String) async throws -> TestHTTPResponse? {
        try await self.send("POST \(path) HTTP/1.1\r\nHost: \(host)\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)")
        return await self.readResponse()
    }

    /// `get` for code that runs on its own thread (load generators): blocks until the response.
    public func getBlocking(_ path: String, host: String = "localhost") throws -> TestHTTPResponse? {
        try self.sendBlocking("GET \(path) HTTP/1.1\r\nHost: \(host)\r\n\r\n")
        return self.readResponseBlocking()
    }

    /// Sends all of `text`.
    public func send(_ text: String) async throws {
        try await Self.onOwnThread { try self.sendBlocking(text) }
    }

    /// Sends all of `bytes` (binary protocols: HTTP/2 frames).
    public func send(bytes: [UInt8]) async throws {
        try await Self.onOwnThread { try self.sendBlocking(bytes: bytes) }
    }

    /// Reads until the peer closes or the timeout passes; returns the bytes that arrived and
    /// whether the peer closed (false: the timeout passed with the connection still open).
    public func readBytesUntilClose() async -> (bytes: [UInt8], closed: Bool) {
        (try? await Self.onOwnThread { self.readUntilCloseBlocking() }) ?? ([], false)
    }

    /// Reads until the peer closes or the timeout passes; returns what arrived.
    public func readUntilClose() async -> String {
        String(decoding: await self.readBytesUntilClose().bytes, as: UTF8.self)
    }

    /// Reads one HTTP/1.1 response (`Content-Length` or chunked body); nil on timeout or close first.
    public func readResponse() async -> TestHTTPResponse? {
        (try? await Self.onOwnThread { self.readResponseBlocking() }) ?? nil
    }

    /// Reads exactly `count` bytes as text; whatever arrived if the peer closes or times out first.
    public func readExactly(_ count: Int) async -> String {
        (try? await Self.onOwnThread {
            var data: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: count)
            while data.count < count {
                let received = self.receive(into: &buffer)
                guard received > 0 else { break }
                data += buffer[..<min(received, count - data.count)]
            }
            return String(decoding: data, as: UTF8.self)
        }) ?? ""
    }

    /// Reads a response head only (for HEAD requests, which have no body): up to the blank line.
    public func readHead() async -> String? {
        (try? await Self.onOwnThread { self.readHeadBlocking() }) ?? nil
    }

    /// Runs a blocking call on a new thread and waits for it without holding a cooperative thread.
    private static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}

/// A parsed HTTP/1.1 response.
public struct TestHTTPResponse: Sendable {
    /// The index just past the blank line that ends the head, searching from `start`.
    static func headEnd(in data: [UInt8], from start: Int) -> Int? {
        guard data.count >= 4 else { return nil }
        for index in max(0, start)...(data.count - 4)
        where data[index] == 13 && data[index + 1] == 10 && data[index + 2] == 13 && data[index + 3] == 10 {
            return index + 4
        }
        return nil
    }

    /// The length of the whole response at the start of `data` (head ending at `headEnd`), or nil while incomplete.
    static func completeLength(_ data: [UInt8], headEnd: Int, chunkScan: inout Int) -> Int? {
        let head = String(decoding: data[..<headEnd], as: UTF8.self).lowercased()
        if head.contains("transfer-encoding: chunked") {
            // Walk the chunk sizes from where the last call stopped; the body ends at the zero-size chunk.
            var index = max(chunkScan, headEnd)
            while true {
                guard let lineEnd = (index..<max(index, data.count - 1)).first(where: { data[$0] == 13 && data[$0 + 1] == 10 }) else {
                    chunkScan = index
                    return nil
                }
                let sizeText = String(decoding: data[index..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
                guard let size = Int(sizeText, radix: 16) else { return nil }
                let next = lineEnd + 2 + size + 2
                guard next <= data.count else {
                    chunkScan = index
                    return nil
                }
                if size == 0 { return next }
                index = next
            }
        }
        let length = head.split(separator: "\r\n").first { $0.hasPrefix("content-length:") }
            .flatMap { Int($0.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) } ?? 0
        return data.count >= headEnd + length ? headEnd + length : nil
    }

    /// The body of a complete chunked encoding, or nil while it is incomplete.
    static func dechunk(_ data: ArraySlice<UInt8>) -> [UInt8]? {
        var body: [UInt8] = []
        var index = data.startIndex
        while true {
            guard let lineEnd = data[index...].indices.first(where: { data[$0] == 13 && $0 + 1 < data.endIndex && data[$0 + 1] == 10 }) else { return nil }
            let sizeText = String(decoding: data[index..<lineEnd], as: UTF8.self).split(separator: ";")[0]
            guard let size = Int(sizeText, radix: 16) else { return nil }
            let chunkStart = lineEnd + 2
            if size == 0 {
                // The last chunk, then (no trailers) the final CRLF.
                return data.endIndex >= chunkStart + 2 ? body : nil
            }
            guard data.endIndex >= chunkStart + size + 2 else { return nil }
            body += data[chunkStart..<(chunkStart + size)]
            index = chunkStart + size + 2
        }
    }

    public let status: Int
    public let headers: [(name: String, value: String)]
    public let body: String

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        self.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Parses a complete response from `data` (what came after it is ignored); nil while it is incomplete.
    public init?(parsing data: [UInt8]) {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = data.indices.first(where: { data[$0...].starts(with: separator) }) else { return nil }
        let head = String(decoding: data[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = head.first, statusLine.split(separator: " ").count >= 2,
              let status = Int(statusLine.split(separator: " ")[1]) else { return nil }
        let headers = head.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let bodyStart = end + separator.count
        self.status = status
        self.headers = headers
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased().contains("chunked") }) {
            guard let body = Self.dechunk(data[bodyStart...]) else { return nil }
            self.body = String(decoding: body, as: UTF8.self)
            return
        }
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
        guard data.count >= bodyStart + length else { return nil }
        self.body = String(decoding: data[bodyStart..<(bodyStart + length)], as: UTF8.self)
    }
}

extension TestConnection {
    fileprivate func readHeadBlocking() -> String? {
        var data: [UInt8] = []
        var byte = [UInt8](repeating: 0, count: 1)
        while !data.suffix(4).elementsEqual(Array("\r\n\r\n".utf8)) {
            guard self.receive(into: &byte) == 1 else { return nil }
            data.append(byte[0])
        }
        return String(decoding: data, as: UTF8.self)
    }
}
