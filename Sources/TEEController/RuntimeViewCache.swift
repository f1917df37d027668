import Synchronization
import TEEDistribution
import TEEModel

/// The runtime view of the latest snapshot, built once per snapshot version: the dashboard
/// polls, and building the view of 10,000 routers on every call would dominate its answers.
final class RuntimeViewCache: Sendable {
    private let cached = Mutex<(version: UInt64, view: RuntimeView)?>(nil)

    /// The view of `snapshot`, built now unless the cache holds its version.
    func view(of snapshot: ConfigurationSnapshot) -> RuntimeView {
        if let cached = self.cached.withLock({ $0 }), cached.version == snapshot.version { return cached.view }
        let view = RuntimeView((try? snapshot.load()) ?? DynamicConfiguration())
        self.cached.withLock { $0 = (snapshot.version, view) }
        return view
    }
}
