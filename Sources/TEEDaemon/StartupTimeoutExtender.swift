import TEESystemd

/// Keeps systemd's start-up timeout from expiring while a slow start-up is still making progress.
///
/// While `operation` runs, every `interval` it sends `EXTEND_TIMEOUT_USEC=` for twice the interval,
/// with a `STATUS=` that says what is being waited for. A quick start-up sends nothing.
struct StartupTimeoutExtender: Sendable {
    var interval: Duration = .seconds(5)
    var send: @Sendable ([NotifyMessage]) -> Void

    func run<T: Sendable>(
        phase: String,
        _ operation: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        try await withThrowingTaskGroup(of: T?.self) { group in
            group.addTask {
                var elapsed = Duration.zero
                while true {
                    try await Task.sleep(for: self.interval)
                    elapsed += self.interval
                    let extra = (self.interval * 2).microseconds
                    self.send([.extendTimeoutUsec(extra), .status("Starting: \(phase) (\(elapsed.components.seconds)s)")])
                }
            }
            group.addTask { try await operation() }
            defer { group.cancelAll() }
            while let result = try await group.next() {
                if let result { return result }
            }
            fatalError("start-up operation finished without a result")
        }
    }
}
