public import NIOHTTP1
import Synchronization

/// Decides which requests are traced before any span is made, so that the requests left out
/// cost next to nothing (the tracer's own sampler would still make, and drop, their spans):
/// a request whose `traceparent` says sampled is traced, one that says not sampled passes its
/// header on untouched, and a request without one is traced at `sampleRate`, else sent on with
/// a new, unsampled `traceparent` (flags `00`), as Traefik does.
public final class TraceSampler: Sendable {
    public let sampleRate: Double
    /// SplitMix64 over a counter seeded at random: fast, well spread 64-bit values for trace
    /// and span IDs and for the draw.
    private let state: Atomic<UInt64>

    public init(sampleRate: Double) {
        self.sampleRate = sampleRate
        self.state = Atomic(UInt64.random(in: .min ... .max))
    }

    /// Whether to trace the request with `headers`; when not, `headers` carry the context on.
    public func shouldTrace(_ headers: inout HTTPHeaders) -> Bool {
        if let parent = headers.first(name: "traceparent"), let sampled = Self.sampledFlag(parent) {
            return sampled
        }
        if self.sampleRate >= 1 { return true }
        if self.sampleRate > 0, Double(self.next() >> 11) / Double(1 << 53) < self.sampleRate { return true }
        let traceID = Self.hex(self.next()) + Self.hex(self.next() | 1)
        headers.replaceOrAdd(name: "traceparent", value: "00-\(traceID)-\(Self.hex(self.next() | 1))-00")
        return false
    }

    /// The sampled flag of a well-formed `traceparent` (`00-<32 hex>-<16 hex>-<2 hex>`); nil when malformed.
    static func sampledFlag(_ header: String) -> Bool? {
        let utf8 = Array(header.utf8)
        guard utf8.count >= 55, utf8[2] == UInt8(ascii: "-"), utf8[35] == UInt8(ascii: "-"), utf8[52] == UInt8(ascii: "-"),
              let flags = UInt8(String(decoding: utf8[53..<55], as: UTF8.self), radix: 16) else { return nil }
        return flags & 1 == 1
    }

    private func next() -> UInt64 {
        var z = self.state.wrappingAdd(0x9E37_79B9_7F4A_7C15, ordering: .relaxed).newValue
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    private static func hex(_ value: UInt64) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
