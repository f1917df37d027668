extension Duration {
    /// The duration in whole nanoseconds (for NIO's `TimeAmount`), clamped to what an `Int64` holds.
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = self.components
        guard seconds < Int64.max / 1_000_000_000 else { return Int64.max }
        guard seconds > Int64.min / 1_000_000_000 else { return Int64.min }
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// The duration in whole microseconds, as systemd's `*_USEC=` fields want; never negative.
    public var microseconds: UInt64 {
        UInt64(max(0, self.nanoseconds / 1_000))
    }
}
