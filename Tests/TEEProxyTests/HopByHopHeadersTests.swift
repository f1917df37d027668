import NIOHTTP1
import TEEProxy
import Testing

@Suite struct HopByHopHeadersTests {
    @Test("hop-by-hop headers and those Connection names go; the rest stay", arguments: [
        ([("Connection", "keep-alive"), ("X-A", "1")], false, ["X-A"]),
        ([("Connection", "close, X-Secret"), ("X-Secret", "s"), ("Keep-Alive", "timeout=5"), ("TE", "trailers"), ("X-A", "1")], false, ["X-A"]),
        ([("Proxy-Authorization", "Basic x"), ("Upgrade", "websocket"), ("Connection", "Upgrade")], false, []),
        ([("Upgrade", "websocket"), ("Connection", "Upgrade"), ("Trailer", "X")], true, ["Upgrade", "Connection"]),
        ([("X-A", "1"), ("X-B", "2")], false, ["X-A", "X-B"]),
    ])
    func remove(headers: [(String, String)], keepUpgrade: Bool, remaining: [String]) {
        var fields = HTTPHeaders(headers)
        HopByHopHeaders.remove(from: &fields, keepUpgrade: keepUpgrade)
        #expect(fields.map(\.name) == remaining)
    }
}
