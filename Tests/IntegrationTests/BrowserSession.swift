import Foundation
import TEETesting
import Testing

/// A headless Chromium driven through `Browser/browser-driver.py` (Selenium and Debian's
/// chromium-driver): the dashboard tests assert what a user sees.
final class BrowserSession: Sendable {
    let process: DaemonProcess
    let port: Int

    struct BrowserError: Error, CustomStringConvertible {
        let description: String
    }

    private init(process: DaemonProcess, port: Int) {
        self.process = process
        self.port = port
    }

    static func start() async throws -> BrowserSession {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Browser/browser-driver.py").path
        let port = try FreePort.next()
        let process = try DaemonProcess("/usr/bin/python3", [script, String(port)])
        guard await process.waitForLog("ready", timeout: .seconds(60)) else {
            throw BrowserError(description: "the browser did not start:\n\(process.log)")
        }
        return BrowserSession(process: process, port: port)
    }

    /// Runs one driver command; throws its error.
    @discardableResult
    func command(_ name: String, _ arguments: [String: any Sendable] = [:]) async throws -> [String: Any] {
        let body = String(decoding: try JSONSerialization.data(withJSONObject: arguments), as: UTF8.self)
        let connection = try TestConnection(port: self.port, timeout: .seconds(90))
        try await connection.send("POST /\(name) HTTP/1.1\r\nHost: driver\r\nContent-Type: application/json\r\n"
            + "Content-Length: \(body.utf8.count)\r\nConnection: close\r\n\r\n\(body)")
        guard let response = await connection.readResponse(),
              let answer = try JSONSerialization.jsonObject(with: Data(response.body.utf8)) as? [String: Any] else {
            throw BrowserError(description: "no answer from the browser driver to \(name):\n\(self.process.log)")
        }
        guard answer["ok"] as? Bool == true else { throw BrowserError(description: "\(name): \(answer["error"] ?? "failed")") }
        return answer
    }

    func open(_ url: String) async throws { try await self.command("open", ["url": url]) }

    /// Waits until an element matching `css` contains `text`; its whole text.
    @discardableResult
    func waitFor(_ css: String, containing text: String = "", timeout: Double = 15) async throws -> String {
        try await self.command("wait", ["css": css, "text": text, "timeout": timeout])["text"] as? String ?? ""
    }

    func text(_ css: String) async throws -> String { try await self.command("text", ["css": css])["text"] as? String ?? "" }
    func count(_ css: String) async throws -> Int { try await self.command("count", ["css": css])["count"] as? Int ?? 0 }
    func click(_ css: String) async throws { try await self.command("click", ["css": css]) }
    func type(_ css: String, _ text: String, enter: Bool = false) async throws { try await self.command("type", ["css": css, "text": text, "enter": enter]) }
    func evaluate(_ script: String) async throws -> Any? { try await self.command("eval", ["script": script])["value"] }

    /// Every URL the browser requested since the last call.
    func requestedURLs() async throws -> [String] { try await self.command("requests")["urls"] as? [String] ?? [] }

    /// Saves a screenshot named `name` into `$TEE_SCREENSHOTS` when it is set (the README's images).
    func screenshot(_ name: String) async throws {
        guard let directory = ProcessInfo.processInfo.environment["TEE_SCREENSHOTS"] else { return }
        try await self.command("screenshot", ["path": "\(directory)/\(name).png"])
    }

    func quit() async {
        _ = try? await self.command("quit")
        _ = await self.process.waitForExit(timeout: .seconds(20))
    }
}
