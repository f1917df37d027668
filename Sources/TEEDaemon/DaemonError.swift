/// An error that ends a daemon with a specific systemd exit status and a message for the operator.
public struct DaemonError: Error, CustomStringConvertible, Sendable {
    /// The exit status the process ends with.
    public var exitCode: DaemonExitCode
    /// What went wrong and what to do about it.
    public var message: String

    public init(_ exitCode: DaemonExitCode, _ message: String) {
        self.exitCode = exitCode
        self.message = message
    }

    public var description: String { self.message }
}
