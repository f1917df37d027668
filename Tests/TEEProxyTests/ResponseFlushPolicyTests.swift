import NIOHTTP1
import TEEProxy
import Testing

@Suite("responseForwarding.flushInterval")
struct ResponseFlushPolicyTests {
    @Test("which responses wait for the interval", arguments: [
        (["Content-Length": "10"], 100, true),
        (["Content-Length": "10", "Content-Type": "text/html"], 100, true),
        (["Content-Length": "10", "Content-Type": "text/event-stream; charset=utf-8"], 100, false),
        (["Transfer-Encoding": "chunked"], 100, false),
        ([:], 100, false),
        (["Content-Length": "10"], 0, false),
        (["Content-Length": "10"], -1, false),
    ] as [([String: String], Int, Bool)])
    func interval(headers: [String: String], milliseconds: Int, waits: Bool) {
        let head = HTTPResponseHead(version: .http1_1, status: .ok, headers: HTTPHeaders(Array(headers)))
        let interval = ResponseFlushPolicy.interval(for: head, configured: .milliseconds(milliseconds))
        #expect(interval == (waits ? .milliseconds(milliseconds) : nil))
    }
}
