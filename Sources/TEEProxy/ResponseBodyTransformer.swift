public import NIOCore
public import NIOHTTP1

/// Rewrites a response body as it streams to the client (the compress middleware's encoders).
/// Used on one event loop only.
public protocol ResponseBodyTransformer: AnyObject {
    /// The transformed form of the next part of the body; may be empty while the transformer buffers.
    func transform(_ part: ByteBuffer, allocator: ByteBufferAllocator) -> ByteBuffer
    /// Whatever is left once the body has ended.
    func finish(allocator: ByteBufferAllocator) -> ByteBuffer
}

/// Set on a request by a middleware that may rewrite its response body: called with the response
/// head, it adjusts the head and returns a transformer, or nil to leave this response alone.
public struct ResponseTransform: Sendable {
    public let make: @Sendable (inout HTTPResponseHead, ProxyRequest) -> (any ResponseBodyTransformer)?

    public init(_ make: @escaping @Sendable (inout HTTPResponseHead, ProxyRequest) -> (any ResponseBodyTransformer)?) {
        self.make = make
    }
}
