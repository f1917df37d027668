#if canImport(Glibc)
import Glibc
#endif

/// Detects whether stderr is connected to journald (`JOURNAL_STREAM`, see systemd.exec(5)).
public enum JournalStream {
    /// True when `JOURNAL_STREAM` names the device and inode of our stderr, which is how systemd
    /// tells a service that its output already goes to the journal.
    public static func isStderrJournal(environment: [String: String]) -> Bool {
        guard let value = environment["JOURNAL_STREAM"] else { return false }
        let parts = value.split(separator: ":")
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]) else { return false }
        var status = stat()
        guard fstat(STDERR_FILENO, &status) == 0 else { return false }
        return UInt64(status.st_dev) == device && UInt64(status.st_ino) == inode
    }
}
