import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A blocking TCP connection to loopback with a receive timeout, for speaking raw HTTP in tests.
public final class TestConnection {
    private let fd: CInt

    /// Connects to 127.0.0.1:`port`; throws if the connection is refused.
    public init(port: Int, timeout: Duration = .seconds(10)) throws {
        self.fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard self.fd >= 0 else { throw POSIXFailure("socket") }
        let seconds = timeout.components.seconds
        var interval = timeval(tv_sec: Int(seconds), tv_usec: 0)
        setsockopt(self.fd, SOL_SOCKET, SO_RCVTIMEO, &interval, socklen_t(MemoryLayout<timeval>.size))
        var address = LoopbackSocket.address(port: port)
        let connected = LoopbackSocket.withSockaddr(&address) { connect(self.fd, $0, $1) }
        guard connected == 0 else {
            let failure = POSIXFailure("connect 127.0.0.1:\(port)")
            close(self.fd)
            throw failure
        }
    }

    deinit { close(self.fd) }

    /// Sends all of `text`.
    public func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(self.fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw POSIXFailure("send") }
            offset += sent
        }
    }

    /// Reads until the peer closes or the timeout passes; returns what arrived.
    public func readUntilClose() -> String {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            let count = recv(self.fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            data += buffer[..<count]
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Reads one HTTP/1.1 response with a `Content-Length` body; nil on timeout or close first.
    public func readResponse() -> TestHTTPResponse? {
        var data: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16384)
        while true {
            if let response = TestHTTPResponse(parsing: data) { return response }
            let count = recv(self.fd, &buffer, buffer.count, 0)
            guard count > 0 else { return nil }
            data += buffer[..<count]
        }
    }

    /// Sends a GET and reads its response.
    public func get(_ path: String, host: String = "localhost", headers: [String: String] = [:]) throws -> TestHTTPResponse? {
        let extra = headers.map { "\($0.key): \($0.value)\r\n" }.joined()
        try self.send("GET \(path) HTTP/1.1\r\nHost: \(host)\r\n\(extra)\r\n")
        return self.readResponse()
    }
}

/// A parsed HTTP/1.1 response.
public struct TestHTTPResponse: Sendable {
    public let status: Int
    public let headers: [(name: String, value: String)]
    public let body: String

    /// The first value of header `name` (case-insensitive).
    public func header(_ name: String) -> String? {
        self.headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Parses a complete response from `data`; nil while it is incomplete.
    init?(parsing data: [UInt8]) {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard let end = data.indices.first(where: { data[$0...].starts(with: separator) }) else { return nil }
        let head = String(decoding: data[..<end], as: UTF8.self).components(separatedBy: "\r\n")
        guard let statusLine = head.first, statusLine.split(separator: " ").count >= 2,
              let status = Int(statusLine.split(separator: " ")[1]) else { return nil }
        let headers = head.dropFirst().compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let length = headers.first { $0.0.lowercased() == "content-length" }.flatMap { Int($0.1) } ?? 0
        let bodyStart = end + separator.count
        guard data.count >= bodyStart + length else { return nil }
        self.status = status
        self.headers = headers
        self.body = String(decoding: data[bodyStart..<(bodyStart + length)], as: UTF8.self)
    }
}
