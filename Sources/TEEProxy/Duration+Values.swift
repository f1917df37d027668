extension Duration {
    /// The duration in whole nanoseconds.
    var nanosecondsValue: Int64 {
        self.components.seconds * 1_000_000_000 + self.components.attoseconds / 1_000_000_000
    }

    /// The duration in seconds, with their fraction.
    var secondsValue: Double {
        Double(self.components.seconds) + Double(self.components.attoseconds) / 1e18
    }
}
