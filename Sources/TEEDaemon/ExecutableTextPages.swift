import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The daemon's machine code, as resident memory: starting up (parsing options and
/// configuration, the Swift runtime's first type lookups) touches pages all over the static
/// executable's code segment, and the kernel maps the neighbours of each page it faults in, so an
/// idle daemon would count tens of MiB of code it never runs again in its RSS. Once the daemon is
/// ready, the mappings of its executable file segments (its own and its libraries') are dropped
/// with `MADV_DONTNEED`, which for a file mapping only unmaps: the pages stay in the page cache
/// and the code that runs maps them again on first use, so RSS shows the working set. A segment
/// holding a page copied on write (a relocation the loader applied there) is left alone, since
/// dropping it would lose the copy. (`MADV_PAGEOUT` would be safe either way but cannot reclaim
/// pages of a freshly written binary whose page cache is still dirty.)
public enum ExecutableTextPages {
    /// Unmaps this process's resident code pages; returns the bytes of the segments advised (0
    /// where `/proc/self/smaps` cannot be read).
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
            } else if first == "Anonymous:", let (start, end) = segment {
                segment = nil
                // A page copied on write (a relocation the loader applied) would be lost: such a segment stays.
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
