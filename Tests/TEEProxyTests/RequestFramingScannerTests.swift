import NIOCore
@testable import TEEProxy
import Testing

@Suite struct RequestFramingScannerTests {
    /// Feeds `stream` in reads of `chunk` bytes; returns what the parser would see and the rewrites.
    static func scan(_ stream: String, chunk: Int) -> (forwarded: String, rewrites: [RequestFramingScanner.Rewrite]) {
        var scanner = RequestFramingScanner()
        let bytes = Array(stream.utf8)
        var forwarded: [UInt8] = []
        var rewrites: [RequestFramingScanner.Rewrite] = []
        var start = 0
        while start < bytes.count {
            let end = min(start + chunk, bytes.count)
            let output = scanner.scan(ByteBuffer(bytes: bytes[start..<end]))
            if let out = output.bytes { forwarded += out.readableBytesView }
            rewrites += output.rewrites
            start = end
        }
        return (String(decoding: forwarded, as: UTF8.self), rewrites)
    }

    /// Every split of the stream into reads must give the same result.
    static func expectSame(_ stream: String, forwarded: String, rewrites: [RequestFramingScanner.Rewrite], sourceLocation: SourceLocation = #_sourceLocation) {
        for chunk in [1, 2, 3, 5, 7, 16, stream.utf8.count] {
            let result = Self.scan(stream, chunk: chunk)
            #expect(result.forwarded == forwarded, "reads of \(chunk) bytes", sourceLocation: sourceLocation)
            #expect(result.rewrites == rewrites, "reads of \(chunk) bytes", sourceLocation: sourceLocation)
        }
    }

    @Test func methodsTheParserKnowsPassUnchanged() {
        let stream = "GET / HTTP/1.1\r\nHost: a\r\n\r\nPOST /p HTTP/1.1\r\nContent-Length: 3\r\n\r\nabcDELETE /d HTTP/1.1\r\n\r\n"
        Self.expectSame(stream, forwarded: stream, rewrites: [])
    }

    @Test func extensionMethodsBecomeGETWithTheirOriginalNoted() {
        let stream = "FOO /a HTTP/1.1\r\nHost: a\r\n\r\nget /b HTTP/1.1\r\n\r\nPROPFIND /c HTTP/1.1\r\n\r\n"
        Self.expectSame(stream, forwarded: "GET /a HTTP/1.1\r\nHost: a\r\n\r\nGET /b HTTP/1.1\r\n\r\nGET /c HTTP/1.1\r\n\r\n", rewrites: [
            .init(request: 0, method: "FOO"), .init(request: 1, method: "get"), .init(request: 2, method: "PROPFIND"),
        ])
    }

    @Test func bodiesAreNeverTakenForRequests() {
        // A body that looks like a request line, with Content-Length and chunked framing.
        let fixed = "POST /a HTTP/1.1\r\ncontent-LENGTH: 16\r\n\r\nFOO / HTTP/1.1\r\nBAR /b HTTP/1.1\r\n\r\n"
        Self.expectSame(fixed, forwarded: "POST /a HTTP/1.1\r\ncontent-LENGTH: 16\r\n\r\nFOO / HTTP/1.1\r\nGET /b HTTP/1.1\r\n\r\n",
                        rewrites: [.init(request: 1, method: "BAR")])
        let chunked = "POST /a HTTP/1.1\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n10;ext=1\r\nFOO / HTTP/1.1\r\n\r\n0\r\nTrailer: x\r\n\r\nBAR /b HTTP/1.1\r\n\r\n"
        Self.expectSame(chunked, forwarded: "POST /a HTTP/1.1\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n10;ext=1\r\nFOO / HTTP/1.1\r\n\r\n0\r\nTrailer: x\r\n\r\nGET /b HTTP/1.1\r\n\r\n",
                        rewrites: [.init(request: 1, method: "BAR")])
    }

    @Test func framingItDoesNotFollowStopsRewriting() {
        let cases = [
            "POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 3, 3\r\n\r\n",
            "POST / HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\n",
            "POST / HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n",
            "GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: upgrade\r\n\r\n",
            "CONNECT a:443 HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\n folded\r\n\r\n",
            "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
            "BAD\u{1}METHOD / HTTP/1.1\r\n\r\n",
        ]
        for head in cases {
            let stream = head + "FOO / HTTP/1.1\r\n\r\n"
            Self.expectSame(stream, forwarded: stream, rewrites: [])
        }
    }

    @Test func aMethodSplitAcrossReadsIsHeldUntilComplete() {
        var scanner = RequestFramingScanner()
        let first = scanner.scan(ByteBuffer(string: "\r\nMKCO"))
        #expect(first.bytes.map { String(buffer: $0) } == "\r\n")
        let second = scanner.scan(ByteBuffer(string: "L2 /x HTTP/1.1\r\n\r\n"))
        #expect(second.bytes.map { String(buffer: $0) } == "GET /x HTTP/1.1\r\n\r\n")
        #expect(second.rewrites == [.init(request: 0, method: "MKCOL2")])
        #expect(scanner.scan(ByteBuffer(string: "G")).bytes == nil)
        #expect(scanner.scan(ByteBuffer(string: "ET / HTTP/1.1\r\n\r\n")).bytes.map { String(buffer: $0) } == "GET / HTTP/1.1\r\n\r\n")
    }
}
