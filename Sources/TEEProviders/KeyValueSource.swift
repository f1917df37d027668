/// A key-value store the KV providers read Traefik's key layout from.
protocol KeyValueSource: Sendable {
    /// Calls `onChange` with every key under `prefix` (full keys) now and after each change,
    /// until cancelled; throws when the store fails.
    func follow(prefix: String, _ onChange: @escaping @Sendable ([String: String]) async throws -> Void) async throws
}
