import Foundation
import TEETesting
import Testing

/// What a real tee-proxy does with hostile clients: each limit over real sockets, and the proxy
/// serving others afterwards.
@Suite("Abuse limits of a real tee-proxy")
struct AbuseLimitsTests {
    /// Request smuggling shapes, each followed by a second request hidden where a lenient parser
    /// would see one.
    static let smugglingShapes: [(name: String, request: String)] = [
        ("Content-Length with Transfer-Encoding",
         "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        ("two Content-Lengths", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nContent-Length: 40\r\n\r\nabcd"),
        ("Transfer-Encoding not ending in chunked", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"),
        ("space before the colon", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding : chunked\r\n\r\n0\r\n\r\n"),
        ("Transfer-Encoding twice", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n0\r\n\r\n"),
        ("folded Transfer-Encoding", "POST / HTTP/1.1\r\nHost: x\r\nX: y\r\n Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
        ("bare LF line ends", "GET / HTTP/1.1\nHost: x\n\n"),
    ]

    @Test("smuggling shapes get 400 and a closed connection; the hidden request never reaches the backend")
    func smuggling() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend)
        for shape in Self.smugglingShapes {
            let connection = try TestConnection(port: proxy.webPort, timeout: .seconds(5))
            try await connection.send(shape.request + "GET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = await connection.readResponse()
            #expect(response?.status == 400, "\(shape.name): \(String(describing: response))")
            #expect(response?.header("connection")?.lowercased() == "close", "\(shape.name)")
            let (rest, closed) = await connection.readBytesUntilClose()
            #expect(closed && rest.isEmpty, "\(shape.name): the connection stayed open or answered again")
        }
        #expect(try await proxy.get("/after")?.status == 200)
        #expect(!backend.received.contains { $0.uri.hasPrefix("/smuggled") }, "\(backend.received.map(\.uri))")
        #expect(backend.received.map(\.uri) == ["/after"], "no smuggling shape reached the backend as a request")
    }

    @Test("an oversized request line gets 414, oversized header fields 431")
    func oversizedHeads() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend)
        let longURI = try proxy.connect()
        try await longURI.send("GET /\(String(repeating: "a", count: 100_000)) HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await longURI.readResponse()?.status == 414)
        let longHeader = try proxy.connect()
        try await longHeader.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 100_000))\r\n\r\n")
        #expect(await longHeader.readResponse()?.status == 431)
        // Many small fields add up the same way.
        let manyFields = try proxy.connect()
        let fields = (0..<6000).map { "X-Field-\($0): value\r\n" }.joined()
        try await manyFields.send("GET / HTTP/1.1\r\nHost: x\r\n\(fields)\r\n")
        #expect(await manyFields.readResponse()?.status == 431)
        // A long request line within the limit is served.
        #expect(try await proxy.get("/\(String(repeating: "b", count: 8000))")?.status == 200)
        #expect(backend.received.count == 1)
    }

    @Test("http.maxHeaderBytes sets the header limit: lower, 431 sooner; higher, larger heads pass")
    func maxHeaderBytes() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let small = try await ProxyProtocolTests.routeAll(to: backend, entryPointExtra: """
                http:
                  maxHeaderBytes: 4096
            """)
        let refused = try small.connect()
        try await refused.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 5000))\r\n\r\n")
        #expect(await refused.readResponse()?.status == 431)
        #expect(try await small.get("/", headers: ["X-Small": String(repeating: "a", count: 3000)])?.status == 200)
        let large = try await ProxyProtocolTests.routeAll(to: backend, entryPointExtra: """
                http:
                  maxHeaderBytes: 262144
            """)
        let passed = try large.connect()
        try await passed.send("GET / HTTP/1.1\r\nHost: x\r\nX-Big: \(String(repeating: "a", count: 100_000))\r\n\r\n")
        #expect(await passed.readResponse()?.status == 200, "100 kB of header fields pass a 256 KiB limit (the default 80 KiB refuses them)")
    }
}

extension AbuseLimitsTests {
    /// Sends `frames` after the preface (h2c by prior knowledge: the web entry point takes it); returns whether the proxy closed the connection and the
    /// types of the frames it sent (7 is GOAWAY).
    static func flood(_ proxy: ProxyFixture, _ frames: [UInt8]) async throws -> (closed: Bool, frameTypes: [UInt8]) {
        let connection = try TestConnection(port: proxy.webPort, timeout: .seconds(5))
        try await connection.send(bytes: TestHTTP2Frames.preface)
        // A reset part way means the proxy closed first: what it sent before is read below.
        try? await connection.send(bytes: frames)
        let (bytes, closed) = await connection.readBytesUntilClose()
        return (closed, TestHTTP2Frames.frameTypes(in: bytes))
    }

    @Test("http2.maxConcurrentStreams is what the proxy advertises in its SETTINGS")
    func maxConcurrentStreams() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend, entryPointExtra: """
                http2:
                  maxConcurrentStreams: 7
            """)
        let connection = try TestConnection(port: proxy.webPort, timeout: .seconds(1))
        try await connection.send(bytes: TestHTTP2Frames.preface)
        let (bytes, _) = await connection.readBytesUntilClose()
        // The server's first frame is its SETTINGS: 6-byte entries, MAX_CONCURRENT_STREAMS is 0x3.
        try #require(bytes.count >= 9 && bytes[3] == 4, "\(bytes.prefix(20))")
        let length = Int(bytes[0]) << 16 | Int(bytes[1]) << 8 | Int(bytes[2])
        var settings: [Int: Int] = [:]
        for offset in stride(from: 9, to: min(9 + length, bytes.count - 5), by: 6) {
            let identifier = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            var value = 0
            for byte in bytes[(offset + 2)...(offset + 5)] { value = value << 8 | Int(byte) }
            settings[identifier] = value
        }
        #expect(settings[3] == 7, "\(settings)")
    }

    @Test("an HTTP/2 connection without streams is closed after idleTimeout, with a GOAWAY; one with a stream in flight is not")
    func http2IdleTimeout() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend, entryPointExtra: """
                transport:
                  respondingTimeouts:
                    idleTimeout: 400ms
            """)
        // Without idleTimeout the connection would stay open for minutes: a close within the read's 10 s is the
        // timeout's (on a loaded machine the close can come seconds after the 400 ms).
        let idle = try TestConnection(port: proxy.webPort, timeout: .seconds(10))
        try await idle.send(bytes: TestHTTP2Frames.preface + TestHTTP2Frames.get(stream: 1, path: "/one"))
        let (bytes, closed) = await idle.readBytesUntilClose()
        let types = TestHTTP2Frames.frameTypes(in: bytes)
        #expect(closed, "the idle connection stayed open")
        #expect(types.contains(1) && types.last == 7, "a response, then GOAWAY: \(types)")
        // A stream that takes longer than idleTimeout keeps its connection.
        let busy = try TestConnection(port: proxy.webPort, timeout: .seconds(5))
        try await busy.send(bytes: TestHTTP2Frames.preface + TestHTTP2Frames.get(stream: 1, path: "/slow/1200"))
        let (busyBytes, _) = await busy.readBytesUntilClose()
        let busyTypes = TestHTTP2Frames.frameTypes(in: busyBytes)
        #expect(busyTypes.contains(1) && busyTypes.contains(0), "the slow response came back: \(busyTypes)")
        #expect(busyTypes.last == 7)
    }

    @Test("HTTP/2 rapid reset: a client opening and cancelling streams without end is cut off")
    func rapidReset() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend)
        let before = try Self.peakMemory(of: proxy)
        var frames: [UInt8] = []
        for index in 0..<5000 {
            let stream = UInt32(2 * index + 1)
            frames += TestHTTP2Frames.get(stream: stream, path: "/reset/\(index)") + TestHTTP2Frames.reset(stream: stream)
        }
        let (closed, types) = try await Self.flood(proxy, frames)
        #expect(closed, "the connection stayed open")
        #expect(types.contains(7), "no GOAWAY before the close: \(types.suffix(10))")
        // Far fewer than the 5000 streams reached the backend, and memory stayed bounded.
        try await Task.sleep(for: .milliseconds(300))
        #expect(backend.received.count < 1000, "\(backend.received.count) requests reached the backend")
        #expect(try Self.peakMemory(of: proxy) - before < 64 << 20)
        #expect(try await proxy.get("/after")?.status == 200)
    }

    @Test("HTTP/2 CONTINUATION flood: a header block that never ends closes the connection")
    func continuationFlood() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend)
        var frames = TestHTTP2Frames.get(stream: 1, path: "/", endHeaders: false)
        for index in 0..<10_000 {
            frames += TestHTTP2Frames.continuation(stream: 1, name: "x-flood-\(index)", value: "v")
        }
        let (closed, types) = try await Self.flood(proxy, frames)
        #expect(closed, "the connection stayed open")
        #expect(types.contains(7), "no GOAWAY: \(types.suffix(10))")
        #expect(backend.received.isEmpty)
        #expect(try await proxy.get("/after")?.status == 200)
    }

    @Test("HTTP/2 SETTINGS and PING floods close the offending connection")
    func controlFrameFloods() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend)
        let before = try Self.peakMemory(of: proxy)
        for (name, frame) in [("SETTINGS", TestHTTP2Frames.settings()), ("PING", TestHTTP2Frames.ping())] {
            let (closed, types) = try await Self.flood(proxy, Array((0..<100_000).map { _ in frame }.joined()))
            #expect(closed, "\(name) flood: the connection stayed open")
            #expect(types.contains(7), "\(name) flood: no GOAWAY: \(types.suffix(10))")
        }
        #expect(try Self.peakMemory(of: proxy) - before < 64 << 20)
        #expect(try await proxy.get("/after")?.status == 200)
    }
}

extension AbuseLimitsTests {
    @Test("a slow reader of a large response holds the proxy's memory down (backpressure)")
    func slowReader() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend)
        let before = try Self.peakMemory(of: proxy)
        let connection = try TestConnection(port: proxy.webPort, timeout: .seconds(10))
        try await connection.send("GET /stream/1024/65536 HTTP/1.1\r\nHost: x\r\n\r\n")  // 64 MiB
        try await Task.sleep(for: .seconds(2))  // nothing read meanwhile
        let waiting = try Self.peakMemory(of: proxy) - before
        #expect(waiting < 48 << 20, "the proxy grew by \(waiting >> 20) MiB while its client did not read")
        let response = try #require(await connection.readResponse())
        #expect(response.body.utf8.count == 1024 * 65536)
        #expect(try Self.peakMemory(of: proxy) - before < 48 << 20)
    }

    @Test("a large request body streams through without being held whole")
    func streamingUpload() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend)
        let before = try Self.peakMemory(of: proxy)
        let connection = try TestConnection(port: proxy.webPort, timeout: .seconds(20))
        let size = 96 << 20
        try await connection.send("POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: \(size)\r\n\r\n")
        let chunk = [UInt8](repeating: UInt8(ascii: "u"), count: 1 << 20)
        for _ in 0..<(size >> 20) { try await connection.send(bytes: chunk) }
        let response = try #require(await connection.readResponse())
        #expect(response.status == 200)
        #expect(response.body.contains("body-bytes=\(size)"), "\(response.body.prefix(300))")
        let grown = try Self.peakMemory(of: proxy) - before
        #expect(grown < 48 << 20, "the proxy grew by \(grown >> 20) MiB for a \(size >> 20) MiB body")
    }

    @Test("over HTTP/2 too: a stream whose client stops granting window holds the proxy's memory down, and flows again once granted")
    func slowReaderHTTP2() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend)
        let before = try Self.peakMemory(of: proxy)
        let connection = try TestConnection(port: proxy.webPort, timeout: .seconds(10))
        // h2c by prior knowledge; the client's windows stay at 64 KiB and it reads nothing for 2 s.
        try await connection.send(bytes: TestHTTP2Frames.preface + TestHTTP2Frames.get(stream: 1, path: "/stream/1024/65536"))  // 64 MiB
        try await Task.sleep(for: .seconds(2))
        let waiting = try Self.peakMemory(of: proxy) - before
        #expect(waiting < 48 << 20, "the proxy grew by \(waiting >> 20) MiB while its HTTP/2 client granted no window")
        // Both windows opened by 16 MiB: that much more flows (and no more), paced by the socket alone.
        let more = UInt32(16 << 20)
        try await connection.send(bytes: TestHTTP2Frames.windowUpdate(stream: 0, increment: more)
            + TestHTTP2Frames.windowUpdate(stream: 1, increment: more))
        let received = await Self.dataBytes(of: 1, from: connection, upTo: 65535 + (16 << 20))
        #expect(received == 65535 + (16 << 20), "\(received) bytes of DATA on stream 1: the first window and the one granted")
        #expect(try Self.peakMemory(of: proxy) - before < 48 << 20)
    }

    @Test("over HTTP/2 too: a large request body streams through as the proxy reopens the stream's window")
    func streamingUploadHTTP2() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend)
        // Several times the connection's 1 MiB window, small enough not to load a busy test machine.
        let size = 32 << 20
        let file = try TemporaryDirectory.write(String(repeating: "u", count: size), named: "body")
        let before = try Self.peakMemory(of: proxy)
        let upload = try await Curl.run(["-sS", "--max-time", "120", "--http2-prior-knowledge", "--data-binary", "@\(file)",
                                         "http://127.0.0.1:\(proxy.webPort)/upload"])
        #expect(upload.status == 0 && upload.output.contains("body-bytes=\(size)"), "\(upload.output.prefix(300))")
        let grown = try Self.peakMemory(of: proxy) - before
        #expect(grown < 16 << 20, "the proxy grew by \(grown >> 20) MiB for a \(size >> 20) MiB body over HTTP/2")
    }

    /// Reads HTTP/2 frames (on a thread of its own) until `done` says so after one, or the connection
    /// ends or goes quiet for its timeout; the headers of the frames read.
    static func readFrames(from connection: TestConnection, until done: @escaping @Sendable ([TestHTTP2Frames.Header]) -> Bool) async -> [TestHTTP2Frames.Header] {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread {
                var pending: [UInt8] = []
                var buffer = [UInt8](repeating: 0, count: 1 << 16)
                var frames: [TestHTTP2Frames.Header] = []
                while true {
                    while let header = TestHTTP2Frames.Header(pending, at: 0), pending.count >= 9 + header.length {
                        frames.append(header)
                        pending.removeFirst(9 + header.length)
                        if done(frames) { return continuation.resume(returning: frames) }
                    }
                    let count = connection.receive(into: &buffer)
                    guard count > 0 else { return continuation.resume(returning: frames) }
                    pending.append(contentsOf: buffer[..<count])
                }
            }
        }
    }

    /// Reads until `stream` ends or `limit` DATA bytes of it arrived; the DATA bytes it carried.
    static func dataBytes(of stream: UInt32, from connection: TestConnection, upTo limit: Int) async -> Int {
        let frames = await Self.readFrames(from: connection) { frames in
            frames.last.map { $0.stream == stream && ($0.endsStream || Self.dataBytes(of: stream, in: frames) >= limit) } ?? false
        }
        return Self.dataBytes(of: stream, in: frames)
    }

    static func dataBytes(of stream: UInt32, in frames: [TestHTTP2Frames.Header]) -> Int {
        frames.filter { $0.stream == stream && $0.type == 0 }.reduce(0) { $0 + $1.length }
    }

    @Test("over HTTP/2, a response complete before its request body asks the client to stop sending (RST_STREAM NO_ERROR)")
    func earlyResponseHTTP2() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend)
        let connection = try TestConnection(port: proxy.webPort, timeout: .seconds(10))
        // The server answers at the request's head; the client has sent 16 KiB of a body it never ends. Without
        // the reset the client would wait for window that nobody gives back (curl hung there, at full CPU).
        try await connection.send(bytes: TestHTTP2Frames.preface + TestHTTP2Frames.get(stream: 1, path: "/early", endStream: false)
            + TestHTTP2Frames.data(stream: 1, count: 16384))
        let frames = await Self.readFrames(from: connection) { frames in frames.contains { $0.stream == 1 && $0.type == 3 } }
        let ofStream = frames.filter { $0.stream == 1 && $0.type != 8 }  // window updates aside
        #expect(ofStream.first?.type == 1, "the response's HEADERS first: \(ofStream.map(\.type))")
        #expect(Self.dataBytes(of: 1, in: frames) == 6, "the answer `early\\n`")
        let end = try #require(ofStream.firstIndex { $0.endsStream }, "the response did not end: \(ofStream.map(\.type))")
        let reset = try #require(ofStream.firstIndex { $0.type == 3 }, "no RST_STREAM: \(ofStream.map(\.type))")
        #expect(end < reset)
        #expect(ofStream[reset].payloadStart == [0, 0, 0, 0], "NO_ERROR, not \(ofStream[reset].payloadStart)")
        // The connection goes on serving.
        try await connection.send(bytes: TestHTTP2Frames.get(stream: 3, path: "/after"))
        let later = await Self.readFrames(from: connection) { frames in frames.contains { $0.stream == 3 && $0.endsStream } }
        #expect(later.contains { $0.stream == 3 && $0.type == 1 }, "stream 3 was not answered: \(later.map(\.type))")
        #expect(!later.contains { $0.type == 7 }, "GOAWAY")
    }

    @Test("over HTTP/2, writeTimeout resets the slow stream only: the connection's other streams are answered")
    func writeTimeoutHTTP2() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let proxy = try await ProxyProtocolTests.routeAll(to: backend, entryPointExtra: ProxyProtocolTests.shortTimeouts)
        let connection = try TestConnection(port: proxy.webPort, timeout: .seconds(10))
        try await connection.send(bytes: TestHTTP2Frames.preface + TestHTTP2Frames.get(stream: 1, path: "/slow/5000")
            + TestHTTP2Frames.get(stream: 3, path: "/quick"))
        // Stream 1 is reset (RST_STREAM, type 3) at writeTimeout (800 ms), long before its server answers.
        let frames = await Self.readFrames(from: connection) { frames in
            frames.contains { $0.stream == 1 && ($0.type == 3 || $0.endsStream) } && frames.contains { $0.stream == 3 && $0.endsStream }
        }
        #expect(frames.contains { $0.stream == 3 && $0.endsStream }, "the quick stream was answered: \(frames)")
        #expect(frames.contains { $0.stream == 1 && $0.type == 3 }, "the slow stream was reset: \(frames)")
        #expect(!frames.contains { $0.stream == 1 && $0.type == 1 }, "the slow stream got no response head: \(frames)")
        // The connection goes on: a later stream is answered.
        try await connection.send(bytes: TestHTTP2Frames.get(stream: 5, path: "/after"))
        let later = await Self.readFrames(from: connection) { $0.contains { $0.stream == 5 && $0.endsStream } }
        #expect(later.contains { $0.stream == 5 && $0.type == 1 }, "\(later)")
        #expect(!later.contains { $0.type == 7 }, "no GOAWAY: \(later)")
    }

    /// The proxy process's peak resident memory (VmHWM) in bytes.
    static func peakMemory(of proxy: ProxyFixture) throws -> Int {
        let status = try String(contentsOfFile: "/proc/\(proxy.process.pid)/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
        let kilobytes = try #require(Int(line.split(separator: " ")[1]))
        return kilobytes << 10
    }
}
