import NIOCore
import Synchronization

/// The open connections of a server, so shutdown can ask them to finish and, after the grace
/// timeout, close the ones that did not.
final class ConnectionTracker: Sendable {
    private let open = Mutex<[ObjectIdentifier: any Channel]>([:])

    /// Tracks `channel` until it closes.
    func add(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        self.open.withLock { $0[id] = channel }
        channel.closeFuture.whenComplete { _ in
            self.open.withLock { _ = $0.removeValue(forKey: id) }
        }
    }

    /// How many connections are open.
    var count: Int { self.open.withLock { $0.count } }

    /// Asks every connection to finish its in-flight request and then close
    /// (NIO's `ChannelShouldQuiesceEvent`, which the HTTP/1.1 pipeline honours).
    func quiesceAll() {
        for channel in self.snapshot() {
            channel.eventLoop.execute {
                channel.pipeline.fireUserInboundEventTriggered(ChannelShouldQuiesceEvent())
            }
        }
    }

    /// Closes every connection at once.
    func closeAll() {
        for channel in self.snapshot() { channel.close(promise: nil) }
    }

    /// Waits until no connection is open; returns false if `timeout` passes first.
    func waitUntilEmpty(timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while self.count > 0 {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return true
    }

    private func snapshot() -> [any Channel] {
        self.open.withLock { Array($0.values) }
    }
}
