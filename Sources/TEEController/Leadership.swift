import Synchronization

/// Whether this controller leads, shared by the election (which sets it) and the leader-only
/// work (which runs while it holds).
public final class Leadership: Sendable {
    public enum State: Sendable, Hashable {
        case follower(leader: String?)
        case leader(LeaderFence)
    }

    private let state = Mutex(State.follower(leader: nil))
    private let changes = Atomic<Int>(0)

    public init() {}

    /// How many times the leader this controller knows of has changed (`tee_controller_leader_changes_total`).
    public var leaderChanges: Int { self.changes.load(ordering: .relaxed) }

    public var current: State { self.state.withLock { $0 } }

    public var fence: LeaderFence? {
        if case .leader(let fence) = self.current { return fence }
        return nil
    }

    func set(_ state: State) {
        let changed = self.state.withLock { current in
            defer { current = state }
            return Self.leader(of: current) != Self.leader(of: state)
        }
        if changed { self.changes.wrappingAdd(1, ordering: .relaxed) }
    }

    /// Who leads in `state`: this controller (`""`… never a controller's name, which is not empty), another, or none.
    private static func leader(of state: State) -> String? {
        switch state {
        case .leader: ""
        case .follower(let leader): leader
        }
    }

    /// Runs `work` each time this controller becomes leader, cancelling it as soon as it stops
    /// being leader; returns when cancelled.
    public func whileLeader(_ work: @escaping @Sendable (LeaderFence) async throws -> Void) async {
        while !Task.isCancelled {
            guard let fence = self.fence else {
                try? await Task.sleep(for: .milliseconds(50))
                continue
            }
            await withTaskGroup(of: Void.self) { group in
                group.addTask { try? await work(fence) }
                group.addTask {
                    while !Task.isCancelled && self.fence == fence { try? await Task.sleep(for: .milliseconds(50)) }
                }
                await group.next()
                group.cancelAll()
            }
            // Work that ended by itself (an error) is retried after a pause while still leading.
            if self.fence == fence { try? await Task.sleep(for: .milliseconds(500)) }
        }
    }
}
