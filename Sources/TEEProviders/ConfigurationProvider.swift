import TEEModel

/// A source of dynamic configuration beside the files: an engine, a key-value store, an HTTP
/// endpoint. A provider publishes whole sets of documents, each set replacing the last.
public protocol ConfigurationProvider: Sendable {
    /// The provider's name, the suffix of its objects (`web@docker`).
    var name: String { get }

    /// Connects, publishes the current documents, then each change, until cancelled. Throws
    /// when the source fails; ``ProviderRunner`` keeps the last good documents and retries.
    func watch(_ publish: @escaping @Sendable (ProviderUpdate) async throws -> Void) async throws
}
