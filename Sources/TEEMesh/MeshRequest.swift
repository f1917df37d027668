import NIOCore
import NIOHTTP1
import TEEProxy

/// A whole HTTP request as the agent forwards it: an HTTP/1.1 head without hop-by-hop headers,
/// framed by `content-length`, and the body.
struct MeshRequest {
    var head: HTTPRequestHead
    var body: ByteBuffer?

    init(_ full: NIOHTTPServerRequestFull) {
        var head = full.head
        HopByHopHeaders.remove(from: &head.headers)
        head.headers.removeIfPresent(name: "transfer-encoding")  // the body is whole: content-length frames it
        head.headers.setContentLength(full.body?.readableBytes ?? 0)
        if head.version != .http1_1 { head.version = .http1_1 }
        self.head = head
        self.body = full.body
    }

    /// The header the destination agent sets to the caller's SPIFFE ID (and removes from what clients send).
    static let sourceHeader = "x-tee-mesh-source"

    /// Methods a retry may repeat: RFC 9110's idempotent ones.
    var isIdempotent: Bool {
        switch self.head.method {
        case .GET, .HEAD, .OPTIONS, .PUT, .DELETE, .TRACE: return true
        default: return false
        }
    }
}
