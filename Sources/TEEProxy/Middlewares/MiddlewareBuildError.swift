/// Why a middleware could not be built from its configuration.
public struct MiddlewareBuildError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
