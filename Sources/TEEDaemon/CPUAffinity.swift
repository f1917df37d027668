import Foundation

/// How many CPUs this process may run on, so that a daemon pinned with `taskset` or systemd's
/// `CPUAffinity=` runs one event loop per CPU it really has.
public enum CPUAffinity {
    /// The number of CPUs in the process's affinity mask (`Cpus_allowed` in `/proc/self/status`),
    /// or nil if it cannot be read.
    public static func allowedCPUCount() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("Cpus_allowed:") }) else { return nil }
        let mask = line.dropFirst("Cpus_allowed:".count).filter { $0.isHexDigit }
        let count = mask.reduce(0) { $0 + (Int(String($1), radix: 16) ?? 0).nonzeroBitCount }
        return count > 0 ? count : nil
    }
}
