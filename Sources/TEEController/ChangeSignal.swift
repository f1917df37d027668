import TEEStore

/// "Something under these prefixes changed", from long-lived etcd watches: one stream per prefix
/// for as long as ``run(_:)`` runs, rather than a new watch per wait (streams opened and
/// cancelled in quick succession are what servers defend against). The first signal comes once
/// every watch is set up, and another after each watch is set up again following a failure, so a
/// consumer that re-reads on each signal misses nothing.
struct ChangeSignal: Sendable {
    let etcd: EtcdClient
    let prefixes: [String]

    /// Runs the watches until cancelled, yielding to `signal` on every change.
    func run(_ signal: AsyncStream<Void>.Continuation) async {
        await withTaskGroup(of: Void.self) { group in
            for prefix in self.prefixes {
                group.addTask {
                    while !Task.isCancelled {
                        try? await self.etcd.watch(prefix: prefix, after: nil, onCreated: {
                            signal.yield()
                            return true
                        }, onChange: { _, _ in
                            signal.yield()
                            return true
                        })
                        try? await Task.sleep(for: .milliseconds(200))
                    }
                }
            }
        }
    }
}
