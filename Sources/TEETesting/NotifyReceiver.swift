import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A datagram socket standing in for systemd's `NOTIFY_SOCKET`: it records every state a daemon sends.
public final class NotifyReceiver: Sendable {
    /// The socket path to pass as `NOTIFY_SOCKET`.
    public let path: String
    private let fd: CInt
    private let received: Mutex<[ReceivedNotification]> = Mutex([])
    private let stopped: Mutex<Bool> = Mutex(false)

    /// Binds a fresh socket in a temporary directory and starts recording.
    public init() throws {
        let directory = try TemporaryDirectory.make(prefix: "notify")
        self.path = directory + "/notify.sock"
        self.fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard self.fd >= 0 else { throw POSIXFailure("socket") }
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            let bytes = Array(self.path.utf8.prefix(raw.count - 1))
            raw.copyBytes(from: bytes + [0])
        }
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(self.fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        guard bound == 0 else { throw POSIXFailure("bind \(self.path)") }
        var timeout = timeval(tv_sec: 0, tv_usec: 100_000)
        setsockopt(self.fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        Thread.detachNewThread { [self] in self.receiveLoop() }
    }

    /// Stops recording and closes the socket.
    public func close() {
        self.stopped.withLock { $0 = true }
    }

    /// Every datagram received so far, in order.
    public var notifications: [ReceivedNotification] {
        self.received.withLock { $0 }
    }

    /// Waits until a datagram satisfies `predicate`; returns it, or nil after `timeout`.
    @discardableResult
    public func waitFor(
        timeout: Duration = .seconds(20),
        _ predicate: (ReceivedNotification) -> Bool
    ) async -> ReceivedNotification? {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let match = self.notifications.first(where: predicate) { return match }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    private func receiveLoop() {
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !self.stopped.withLock({ $0 }) {
            let count = recv(self.fd, &buffer, buffer.count, 0)
            if count > 0 {
                let text = String(decoding: buffer[..<count], as: UTF8.self)
                self.received.withLock { $0.append(ReceivedNotification(text: text, at: ContinuousClock.now)) }
            }
        }
        Glibc.close(self.fd)
    }
}

/// One datagram received on the notify socket.
public struct ReceivedNotification: Sendable, CustomStringConvertible {
    /// The raw state string, assignments separated by newlines.
    public let text: String
    /// When it arrived.
    public let at: ContinuousClock.Instant

    /// The `KEY=value` assignments in the datagram.
    public var assignments: [String: String] {
        var result: [String: String] = [:]
        for line in self.text.split(separator: "\n") {
            guard let equals = line.firstIndex(of: "=") else { continue }
            result[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return result
    }

    /// True when the datagram sets `key` (to `value`, if given).
    public func has(_ key: String, _ value: String? = nil) -> Bool {
        guard let actual = self.assignments[key] else { return false }
        return value.map { $0 == actual } ?? true
    }

    public var description: String { self.text.replacingOccurrences(of: "\n", with: " ") }
}
