/// A mesh agent failure, with a message that says what to do.
public struct MeshError: Error, CustomStringConvertible, Sendable {
    public let description: String
    /// The controllers refused (rather than could not be reached).
    public let isRefusal: Bool

    public init(_ description: String, isRefusal: Bool = false) {
        self.description = description
        self.isRefusal = isRefusal
    }
}
