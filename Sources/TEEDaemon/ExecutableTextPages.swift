import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's machine code, as resident memory: starting up (parsing options and
/// configuration, the Swift runtime's first type lookups) touches pages all over the static
/// executable's text, and the kernel maps the neighbours of each page it faults in, so an idle
/// daemon would count tens of MiB of code it never runs again in its RSS. Once the daemon is
/// ready, the mappings of the read-only, executable, file-backed segments (its own and its
/// libraries', whose pages hold nothing but what the files hold) are dropped with
/// `MADV_DONTNEED`: the code that runs comes back from the page cache on first use, and RSS
/// shows the working set. A segment with a written page (text relocations, a debugger's
/// breakpoints: a test runner's own code can be such) is left alone, as dropping would lose it.
public enum ExecutableTextPages {
    /// Drops this process's resident code pages (segments with no page written); returns the
    /// bytes of the segments advised (0 where `/proc/self/smaps` cannot be read).
    @discardableResult
    public static func dropResident() -> Int {
        #if canImport(Glibc)
        guard let smaps = try? String(contentsOfFile: "/proc/self/smaps", encoding: .utf8) else { return 0 }
        var advised = 0
        var segment: (start: UInt, end: UInt)?
        for line in smaps.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = fields.first else { continue }
            if !first.hasSuffix(":") {
                // A mapping's first line: start-end perms offset device inode path.
                let bounds = first.split(separator: "-")
                if fields.count >= 6, fields[1] == "r-xp", fields[5].hasPrefix("/"), bounds.count == 2,
                   let start = UInt(bounds[0], radix: 16), let end = UInt(bounds[1], radix: 16), end > start {
                    segment = (start, end)
                } else {
                    segment = nil
                }
            } else if first == "Private_Dirty:", let (start, end) = segment {
                segment = nil
                // Only pages that are the file's own: a written page (a text relocation) would be lost.
                guard fields.count >= 2, fields[1] == "0", let address = UnsafeMutableRawPointer(bitPattern: start) else { continue }
                if madvise(address, Int(end - start), MADV_DONTNEED) == 0 { advised += Int(end - start) }
            }
        }
        return advised
        #else
        return 0
        #endif
    }
}
