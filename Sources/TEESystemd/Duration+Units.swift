extension Duration {
    /// The duration in whole nanoseconds (for NIO's `TimeAmount`).
    public var nanoseconds: Int64 {
        let (seconds, attoseconds) = self.components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }

    /// The duration in whole microseconds, as systemd's `*_USEC=` fields want; never negative.
    public var microseconds: UInt64 {
        UInt64(max(0, self.nanoseconds / 1_000))
    }
}
