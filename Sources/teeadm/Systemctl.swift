import Foundation
import TEEAdmin

/// `systemctl` for the units teeadm starts and stops.
enum Systemctl {
    /// `systemctl enable` then `systemctl restart` each unit in order (a unit already running,
    /// such as a standalone proxy before its join, starts again on the files just written; a
    /// socket is only started, so a listening one stays open); throws at the first that fails.
    static func enableAndRestart(_ units: [String]) throws {
        for unit in units {
            guard try self.run(["enable", unit]) == 0, try self.run([unit.hasSuffix(".socket") ? "start" : "restart", unit]) == 0 else {
                throw AdminError("systemctl enable and restart of \(unit) failed; see journalctl -u \(unit)")
            }
            print("[start] \(unit) started")
        }
    }

    /// Runs systemctl; returns its exit status.
    @discardableResult
    static func run(_ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/systemctl")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
