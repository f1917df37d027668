public import NIOHTTP1

extension HTTPRequestHead {
    /// Whether the head announces a body (a `Content-Length` other than 0, or `Transfer-Encoding`).
    public var announcesBody: Bool {
        if let length = self.headers.first(name: "content-length") { return length != "0" }
        return self.headers.contains(name: "transfer-encoding")
    }
}
