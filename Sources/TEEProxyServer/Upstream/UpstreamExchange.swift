import NIOHTTP1

/// Receives what an upstream connection delivers for the request it is leased to.
/// Called on the connection's event loop, which is also the client connection's.
protocol UpstreamExchange: AnyObject {
    func upstreamReceived(_ part: HTTPClientResponsePart)
    func upstreamReadComplete()
    func upstreamClosed(error: (any Error)?)
    func upstreamWritabilityChanged(isWritable: Bool)
}
