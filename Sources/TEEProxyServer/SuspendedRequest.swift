import NIOHTTP1

/// A request whose middlewares are waiting (forwardAuth): the body parts that arrive meanwhile.
final class SuspendedRequest {
    var parts: [HTTPServerRequestPart] = []
    /// The whole request has arrived.
    var ended = false
}
