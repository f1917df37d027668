/// Runs the `curl` command, for tests that need a real HTTPS or HTTP/2 client.
public enum Curl {
    /// Runs curl with `-sS --max-time 10`, the given arguments, and `-w` printing
    /// `version=HTTP_VERSION` after the body; returns its exit status and output.
    public static func run(_ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = try DaemonProcess("/usr/bin/curl", ["-sS", "--max-time", "10", "-w", "\nversion=%{http_version}\n"] + arguments)
        guard let status = await process.waitForExit() else { throw POSIXFailure("curl did not finish") }
        return (status, process.log)
    }

    /// Runs curl against `https://host:port/path` on 127.0.0.1 (`--resolve`), trusting `caFile`;
    /// `extra` arguments come first.
    public static func https(_ host: String, port: Int, path: String = "/", caFile: String,
                             _ extra: [String] = []) async throws -> (status: Int32, output: String) {
        try await Self.run(extra + ["--cacert", caFile, "--resolve", "\(host):\(port):127.0.0.1", "https://\(host):\(port)\(path)"])
    }
}
