import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One of our executables run as a child process, with its output captured to a file.
public final class DaemonProcess: Sendable {
    private let process: Process
    /// The file the child's stdout and stderr (its log) go to.
    public let logPath: String

    /// Starts `executable` (a product name such as `tee-proxy`, or a path) with `arguments`
    /// and the current environment plus `environment`.
    public init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        let process = Process()
        let path = executable.contains("/") ? executable : BuildProducts.path(of: executable)
        var merged = ProcessInfo.processInfo.environment
        for name in ["NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID", "LISTEN_FDS", "LISTEN_PID", "LISTEN_FDNAMES", "JOURNAL_STREAM"] {
            merged[name] = nil
        }
        merged.merge(environment) { _, new in new }
        process.environment = merged
        self.logPath = try TemporaryDirectory.make(prefix: "log") + "/stderr.log"
        FileManager.default.createFile(atPath: self.logPath, contents: nil)
        // The shell opens the log and execs the program (same pid). Handing Foundation a FileHandle
        // instead lets the descriptor be closed twice, and a test socket that reused its number
        // would then be closed under another test.
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "exec \"$0\" \"$@\" >>\"$TEE_TEST_LOG\" 2>&1 </dev/null", path] + arguments
        process.environment?["TEE_TEST_LOG"] = self.logPath
        try process.run()
        self.process = process
    }

    deinit {
        if self.process.isRunning { kill(self.process.processIdentifier, SIGKILL) }
    }

    /// The child's process id.
    public var pid: Int32 { self.process.processIdentifier }

    /// Sends `signal` to the child.
    public func send(_ signal: Int32) {
        kill(self.process.processIdentifier, signal)
    }

    /// Waits for the child to exit and returns its exit status; nil if it is still running after `timeout`.
    public func waitForExit(timeout: Duration = .seconds(30)) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while self.process.isRunning {
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return self.process.terminationStatus
    }

    /// What the child has written so far.
    public var log: String {
        (try? String(contentsOfFile: self.logPath, encoding: .utf8)) ?? ""
    }

    /// Waits until the log contains `text`; false after `timeout`.
    public func waitForLog(_ text: String, timeout: Duration = .seconds(20)) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if self.log.contains(text) { return true }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return false
    }
}
