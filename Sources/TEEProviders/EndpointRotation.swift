import Synchronization

/// Which of a store's endpoints a provider's next connection uses: the next one each time, so
/// that a server that fails is left for another.
final class EndpointRotation: Sendable {
    private let attempts = Atomic<Int>(0)

    /// `endpoints` starting at the next one in turn.
    func next(_ endpoints: [String]) -> [String] {
        guard !endpoints.isEmpty else { return endpoints }
        let first = self.attempts.wrappingAdd(1, ordering: .relaxed).oldValue % endpoints.count
        return Array(endpoints[first...] + endpoints[..<first])
    }
}
