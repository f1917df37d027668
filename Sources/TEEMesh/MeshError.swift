/// A mesh agent failure, with a message that says what to do.
public struct MeshError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
