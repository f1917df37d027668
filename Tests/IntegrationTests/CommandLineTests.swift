import Foundation
import TEETesting
import Testing

@Suite("command lines")
struct CommandLineTests {
    @Test("every program answers --help and --version", arguments: ["tee-proxy", "tee-controller", "tee-mesh", "teeadm"])
    func helpAndVersion(name: String) async throws {
        let version = try await run(name, ["--version"])
        #expect(version.status == 0)
        #expect(version.output.trimmingCharacters(in: .whitespacesAndNewlines) == "0.1.0")
        let help = try await run(name, ["--help"])
        #expect(help.status == 0)
        #expect(help.output.contains("USAGE: \(name)"), "\(help.output)")
    }

    @Test("daemons accept --log-level and --log-format, and reject bad values with EX_USAGE")
    func badLogFormat() async throws {
        let result = try await run("tee-proxy", ["--log-format", "xml"])
        #expect(result.status == 64)
        #expect(result.output.contains("log-format"), "\(result.output)")
    }

    @Test("--log-format json writes one JSON object per line")
    func jsonLogs() async throws {
        let config = try ProxyConfigFile()
        let daemon = try DaemonProcess("tee-proxy", ["--config", config.path, "--log-format", "json", "--log-level", "debug"])
        try #require(await daemon.waitForLog("\"msg\":\"Listening\""), "log:\n\(daemon.log)")
        daemon.send(SIGTERM)
        #expect(await daemon.waitForExit() == 0)
        for line in daemon.log.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            #expect(object?["level"] != nil && object?["msg"] != nil && object?["time"] != nil, "\(line)")
        }
        #expect(daemon.log.contains("\"entry_point\":\"web\""))
    }

    /// Runs a program to completion and returns its status and combined output.
    private func run(_ name: String, _ arguments: [String]) async throws -> (status: Int32, output: String) {
        let process = try DaemonProcess(name, arguments)
        let status = try #require(await process.waitForExit())
        return (status, process.log)
    }
}

extension CommandLineTests {
    @Test("log.level in the static file applies unless --log-level is given")
    func staticLogLevel() async throws {
        let config = try ProxyConfigFile()
        try (try String(contentsOfFile: config.path, encoding: .utf8) + "\nlog:\n  level: DEBUG\n")
            .write(toFile: config.path, atomically: true, encoding: .utf8)
        let debug = try DaemonProcess("tee-proxy", ["--config", config.path])
        #expect(await debug.waitForLog("debug "), "log:\n\(debug.log)")
        debug.send(SIGTERM)
        _ = await debug.waitForExit()
    }
}
