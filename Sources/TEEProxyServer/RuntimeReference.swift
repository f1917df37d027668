import Synchronization
public import TEEProxy

/// The runtime in service, with the TLS context built from the same configuration. A reload
/// builds both anew and swaps them here in one step; each request reads them once when it
/// starts, so requests in flight finish on the generation they started with.
public final class RuntimeReference: Sendable {
    private let generation: Mutex<(runtime: ProxyRuntime, tls: TLSServerContexts?, acme: ACMEChallengeContexts?)>
    /// Standalone: each provider's error, or nil while it is up to date (for the API).
    private let providers = Mutex<[String: String?]>([:])

    public init(_ runtime: ProxyRuntime) {
        self.generation = Mutex((runtime, nil, nil))
    }

    /// The runtime new requests use.
    public var current: ProxyRuntime { self.generation.withLock { $0.runtime } }

    /// The TLS contexts new connections use; nil when no certificate is configured.
    var currentTLS: TLSServerContexts? { self.generation.withLock { $0.tls } }

    /// The TLS contexts and the TLS-ALPN-01 answers new connections use, read together.
    var currentTLSAndChallenges: (tls: TLSServerContexts?, acme: ACMEChallengeContexts?) {
        self.generation.withLock { ($0.tls, $0.acme) }
    }

    /// Each provider's error (nil: up to date), for the API.
    var providerErrors: [String: String?] {
        get { self.providers.withLock { $0 } }
        set { self.providers.withLock { $0 = newValue } }
    }

    /// Puts `runtime` in service, keeping the TLS context.
    public func swap(_ runtime: ProxyRuntime) {
        self.generation.withLock { $0.runtime = runtime }
    }

    /// Puts a runtime and its TLS context in service together.
    func swap(_ runtime: ProxyRuntime, tls: TLSServerContexts?, acme: ACMEChallengeContexts? = nil) {
        self.generation.withLock { $0 = (runtime, tls, acme) }
    }
}
