extension Collection<UInt8> {
    /// Equality whose time does not depend on where the bytes differ, for comparing secrets and MACs.
    func constantTimeEquals(_ other: some Collection<UInt8>) -> Bool {
        guard self.count == other.count else { return false }
        return zip(self, other).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

extension String {
    /// Equality whose time does not depend on where the strings differ, for comparing secrets.
    func constantTimeEquals(_ other: String) -> Bool {
        Array(self.utf8).constantTimeEquals(Array(other.utf8))
    }
}
