import NIOHTTP1

extension HTTPRequestHead {
    /// Whether the client's connection stays open after this request. An HTTP/2 stream's always
    /// does: NIO's `isKeepAlive` answers false for version 2, which has no `Connection` header,
    /// and the response would carry a `Connection: close` only to have it stripped again.
    var keepsConnectionOpen: Bool {
        self.version.major >= 2 || self.isKeepAlive
    }
}
