import Synchronization
public import TEEProxy

/// The runtime in service. A reload builds a whole new ``ProxyRuntime`` and swaps it here in one
/// step; each request reads it once when it starts, so requests in flight finish on the runtime
/// they started with.
public final class RuntimeReference: Sendable {
    private let runtime: Mutex<ProxyRuntime>

    public init(_ runtime: ProxyRuntime) {
        self.runtime = Mutex(runtime)
    }

    /// The runtime new requests use.
    public var current: ProxyRuntime { self.runtime.withLock { $0 } }

    /// Puts `runtime` in service.
    public func swap(_ runtime: ProxyRuntime) {
        self.runtime.withLock { $0 = runtime }
    }
}
