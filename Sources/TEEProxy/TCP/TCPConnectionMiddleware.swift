public import TEEModel
import Synchronization

/// A TCP middleware: decides whether a connection may go on, and is told when an admitted one closes.
public protocol TCPConnectionMiddleware: Sendable {
    /// Whether the connection may go on; when it may, `onClose` must be called when it closes.
    func admit(_ connection: TCPConnectionInfo) -> TCPAdmission
}

/// A TCP middleware's decision.
public enum TCPAdmission: Sendable {
    case refuse
    case admit(onClose: (@Sendable () -> Void)?)
}

/// `ipAllowList`: connections from outside `sourceRange` are closed.
public struct TCPIPAllowList: TCPConnectionMiddleware {
    public let sourceRange: [IPNetwork]

    public func admit(_ connection: TCPConnectionInfo) -> TCPAdmission {
        guard let address = connection.clientAddress, self.sourceRange.contains(where: { $0.contains(address) }) else { return .refuse }
        return .admit(onClose: nil)
    }
}

/// `inFlightConn`: at most `amount` open connections per client address.
public final class TCPInFlightConnections: TCPConnectionMiddleware {
    private let amount: Int
    private let open = Mutex<[String: Int]>([:])

    public init(amount: Int) {
        self.amount = amount
    }

    public func admit(_ connection: TCPConnectionInfo) -> TCPAdmission {
        let source = connection.clientAddress?.description ?? ""
        let admitted = self.open.withLock { open -> Bool in
            guard open[source, default: 0] < self.amount else { return false }
            open[source, default: 0] += 1
            return true
        }
        guard admitted else { return .refuse }
        return .admit(onClose: { [self] in
            self.open.withLock { open in
                let remaining = open[source, default: 1] - 1
                open[source] = remaining > 0 ? remaining : nil
            }
        })
    }
}
