import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's machine code, as resident memory: starting up (parsing options and
/// configuration, the Swift runtime's first type lookups) touches pages all over the static
/// executable's text, and the kernel maps the neighbours of each page it faults in, so an idle
/// daemon would count tens of MiB of code it never runs again in its RSS. Once the daemon is
/// ready, the mappings of the read-only, executable, file-backed segments (its own and its
/// libraries', which hold nothing but what the files hold) are dropped with `MADV_DONTNEED`: the
/// code that runs comes back from the page cache on first use, and RSS shows the working set.
public enum ExecutableTextPages {
    /// Drops this process's resident code pages; returns the bytes of the segments advised (0
    /// where `/proc/self/maps` cannot be read).
    @discardableResult
    public static func dropResident() -> Int {
        #if canImport(Glibc)
        guard let maps = try? String(contentsOfFile: "/proc/self/maps", encoding: .utf8) else { return 0 }
        var advised = 0
        for line in maps.split(separator: "\n") {
            // start-end perms offset device inode path
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 6, fields[1] == "r-xp", fields[5].hasPrefix("/") else { continue }
            let bounds = fields[0].split(separator: "-")
            guard bounds.count == 2, let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16), end > start,
                  let address = UnsafeMutableRawPointer(bitPattern: start) else { continue }
            if madvise(address, Int(end - start), MADV_DONTNEED) == 0 { advised += Int(end - start) }
        }
        return advised
        #else
        return 0
        #endif
    }
}
