/// Runs the `curl` command, for tests that need a real HTTPS or HTTP/2 client.
public enum Curl {
    /// Runs curl with `-sS --max-time 10`, the given arguments, and `-w` printing
    /// `version=HTTP_VERSION` after the body; returns its exit status and output.
    public static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = try DaemonProcess("/usr/bin/curl", ["-sS", "--max-time", "10", "-w", "\nversion=%{http_version}\n"] + arguments)
        guard let status = await process.waitForExit() else { throw POSIXFailure("curl did not finish") }
        return (status, process.log)
    }
}
