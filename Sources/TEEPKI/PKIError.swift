/// A certificate or key that cannot be made or used.
public struct PKIError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
