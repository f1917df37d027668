import Synchronization

/// What a ``TestBackend`` has received, shared by its connections.
final class TestBackendLog: Sendable {
    let requests = Mutex<[TestBackendRequest]>([])
    /// The status `/health` answers with.
    let healthStatus = Atomic<Int>(200)
    /// The second halves of `/trickle` responses, sent when the test says so.
    let heldHalves = Mutex<[@Sendable () -> Void]>([])
}
