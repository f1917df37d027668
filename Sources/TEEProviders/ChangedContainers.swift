import Synchronization

/// The containers the engine's events named since the Docker provider last read them: only
/// they are inspected again.
final class ChangedContainers: Sendable {
    private let ids = Mutex<Set<String>>([])

    func insert(_ id: String) {
        self.ids.withLock { _ = $0.insert(id) }
    }

    /// The ids named so far, forgetting them.
    func take() -> Set<String> {
        self.ids.withLock { ids in
            defer { ids.removeAll() }
            return ids
        }
    }
}
