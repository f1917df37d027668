/// A failure teeadm reports: what went wrong and what to do.
public struct AdminError: Error, CustomStringConvertible, Sendable {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { self.message }
}
