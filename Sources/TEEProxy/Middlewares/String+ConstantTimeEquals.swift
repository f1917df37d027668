extension String {
    /// Equality whose time does not depend on where the strings differ, for comparing secrets.
    func constantTimeEquals(_ other: String) -> Bool {
        let a = Array(self.utf8), b = Array(other.utf8)
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
