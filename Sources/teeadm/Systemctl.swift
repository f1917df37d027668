import Foundation
import TEEAdmin

/// `systemctl` for the units teeadm starts and stops.
enum Systemctl {
    /// `systemctl enable --now` each unit in order; throws at the first that fails.
    static func enableNow(_ units: [String]) throws {
        for unit in units {
            guard try self.run(["enable", "--now", unit]) == 0 else {
                throw AdminError("systemctl enable --now \(unit) failed; see journalctl -u \(unit)")
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
