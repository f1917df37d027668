import Synchronization

/// The runtime in service; a reload replaces it whole, and each connection reads it once when it starts.
public final class MeshRuntimeReference: Sendable {
    private let runtime: Mutex<MeshRuntime?>

    public init() {
        self.runtime = Mutex(nil)
    }

    public var current: MeshRuntime? {
        self.runtime.withLock { $0 }
    }

    func replace(with runtime: MeshRuntime) {
        self.runtime.withLock { $0 = runtime }
    }
}
