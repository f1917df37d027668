import Foundation

/// The kernel's table of this network namespace's IPv4 TCP sockets (`/proc/net/tcp`), read to
/// learn which local user owns the client end of a connection the agent accepted.
///
/// `SO_PEERCRED` answers only for unix sockets; for TCP on loopback the owner's uid is in the
/// table, on the line whose local address is the client's and whose remote address is the agent's.
public struct TCPSocketTable: Sendable {
    /// One socket: its two ends and the uid of the process that made it.
    public struct Entry: Sendable, Equatable {
        public var local: TCPEndpoint
        public var remote: TCPEndpoint
        public var uid: UInt32
    }

    public var entries: [Entry]

    /// Parses the text of `/proc/net/tcp`; lines that do not parse are skipped.
    public init(procNetTCP text: String) {
        self.entries = text.split(separator: "\n").dropFirst().compactMap { line -> Entry? in
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
            guard fields.count >= 8, let local = TCPEndpoint(procHex: fields[1]), let remote = TCPEndpoint(procHex: fields[2]),
                  let uid = UInt32(fields[7]) else { return nil }
            return Entry(local: local, remote: remote, uid: uid)
        }
    }

    /// Reads the table of the calling process's network namespace.
    public static func current() throws -> TCPSocketTable {
        TCPSocketTable(procNetTCP: try Self.readWhole("/proc/self/net/tcp"))
    }

    /// A /proc file read until its end: such files report a size of 0, and a reader that trusts
    /// the size, or reads once, gets only the first page of a busy host's sockets.
    static func readWhole(_ path: String) throws -> String {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            if count == 0 { break }
            bytes += chunk[0..<count]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The uid owning the client end of a connection from `client` to `server`, if that socket
    /// is on this host.
    public func owner(ofClient client: TCPEndpoint, connectedTo server: TCPEndpoint) -> UInt32? {
        self.entries.first { $0.local == client && $0.remote == server }?.uid
    }
}
