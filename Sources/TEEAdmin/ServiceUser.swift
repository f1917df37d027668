import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The system user the daemons run as (`tee`, made by the packages' sysusers.d file).
///
/// teeadm runs as root and writes keys readable by their owner only; the daemons read them as
/// this user, so the files are given to it. Without the user (a test, a build tree), or when
/// teeadm is not root, files keep their owner.
public struct ServiceUser: Sendable {
    public var name: String

    public init(name: String = "tee") {
        self.name = name
    }

    /// Gives each of `paths` to the user and its primary group.
    public func own(_ paths: [String]) throws(AdminError) {
        guard geteuid() == 0, let entry = getpwnam(self.name) else { return }
        let (uid, gid) = (entry.pointee.pw_uid, entry.pointee.pw_gid)
        for path in paths where chown(path, uid, gid) != 0 {
            throw AdminError("cannot give \(path) to the \(self.name) user: \(String(cString: strerror(errno)))")
        }
    }
}
