public import NIOHTTP1
import TEEModel

/// `responseForwarding.flushInterval` as Go's reverse proxy applies it: a response of known
/// length is flushed to the client at most every interval (or sooner, once enough is waiting);
/// server-sent events, responses of unknown length (streams) and a zero or negative interval
/// are flushed as soon as each part arrives.
public enum ResponseFlushPolicy {
    /// Traefik's default interval.
    public static let defaultInterval = Duration.milliseconds(100)
    /// Bytes waiting for the interval that make a flush happen at once.
    public static let flushThreshold = 32 * 1024

    /// How long a response with `head` may wait before being flushed; nil for at once.
    public static func interval(for head: HTTPResponseHead, configured: Duration) -> Duration? {
        guard configured > .zero, head.headers.contains(name: "content-length") else { return nil }
        if let contentType = head.headers.first(name: "content-type"), Self.isEventStream(contentType) { return nil }
        return configured
    }

    /// Whether a `Content-Type` value is `text/event-stream` (parameters and case aside), without allocating.
    static func isEventStream(_ contentType: String) -> Bool {
        var mediaType = contentType.utf8.prefix { $0 != UInt8(ascii: ";") }
        while let first = mediaType.first, first == UInt8(ascii: " ") || first == UInt8(ascii: "\t") { mediaType = mediaType.dropFirst() }
        while let last = mediaType.last, last == UInt8(ascii: " ") || last == UInt8(ascii: "\t") { mediaType = mediaType.dropLast() }
        return Substring(mediaType).caseInsensitiveEquals("text/event-stream")
    }
}
