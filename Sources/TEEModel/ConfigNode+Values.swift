extension ConfigNode {
    /// A list of IP addresses or CIDR ranges.
    public func networks() throws(ConfigurationError) -> [IPNetwork] {
        try self.stringList().map { (text) throws(ConfigurationError) -> IPNetwork in
            guard let network = IPNetwork(text) else { throw self.error("'\(text)' is not an IP address or CIDR range such as 10.0.0.0/8") }
            return network
        }
    }

    /// A histogram's bounds: positive numbers of seconds, sorted.
    public func histogramBounds() throws(ConfigurationError) -> [Double] {
        try self.stringList().map { (text) throws(ConfigurationError) -> Double in
            guard let bound = Double(text), bound > 0 else {
                throw self.error("'\(text)' is not a positive number of seconds; use a list such as [0.1, 0.3, 1.2, 5.0]")
            }
            return bound
        }.sorted()
    }

    /// A regular expression, compiled.
    public func regex() throws(ConfigurationError) -> CompiledRegex {
        let text = try self.string()
        do {
            return try CompiledRegex(text)
        } catch {
            throw self.error("\(error)")
        }
    }

    /// A whole number at least `minimum`.
    public func int(atLeast minimum: Int) throws(ConfigurationError) -> Int {
        let value = try self.int()
        guard value >= minimum else { throw self.error("must be at least \(minimum), got \(value)") }
        return value
    }

    /// An HTTP status code (100–599).
    public func statusCode() throws(ConfigurationError) -> Int {
        let value = try self.int()
        guard (100...599).contains(value) else { throw self.error("\(value) is not an HTTP status code (100-599)") }
        return value
    }
}
