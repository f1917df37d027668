#if canImport(Glibc)
import Glibc
#endif

/// A failed system call in test support code, with errno's text.
public struct POSIXFailure: Error, CustomStringConvertible {
    public let description: String

    public init(_ operation: String) {
        self.description = "\(operation): \(String(cString: strerror(errno)))"
    }
}
