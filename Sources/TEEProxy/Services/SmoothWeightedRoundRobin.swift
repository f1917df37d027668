/// Smooth weighted round robin (nginx's algorithm): weights 3:1 give A A B A, never A A A B,
/// and over every cycle each choice gets exactly its weight's share.
public struct SmoothWeightedRoundRobin: Sendable {
    private var weights: [Int]
    private var current: [Int]
    private let total: Int

    public init(weights: [Int]) {
        self.weights = weights
        self.current = Array(repeating: 0, count: weights.count)
        self.total = weights.reduce(0, +)
    }

    /// The next index among those `eligible` allows; nil when none is eligible or all weights are 0.
    public mutating func next(where eligible: (Int) -> Bool = { _ in true }) -> Int? {
        var best: Int?
        var total = 0
        for index in self.weights.indices where self.weights[index] > 0 && eligible(index) {
            self.current[index] += self.weights[index]
            total += self.weights[index]
            if best == nil || self.current[index] > self.current[best!] { best = index }
        }
        guard let best else { return nil }
        self.current[best] -= total
        return best
    }
}
