import Foundation
import TEETesting
import Testing

/// A real OTLP collector process (`otlp_collector.py`: OTLP/HTTP and OTLP/gRPC receivers) that
/// writes every span and metric data point it receives to a file, and what it received read back.
final class OTLPCollector {
    /// One received span.
    struct Span: Decodable, CustomStringConvertible {
        var transport: String
        var service: String?
        var traceId: String
        var spanId: String
        var parentSpanId: String
        var name: String
        var kind: String
        var status: Int
        var attributes: [String: AttributeValue]

        func string(_ key: String) -> String? {
            if case .string(let text) = self.attributes[key] { return text }
            return nil
        }

        func int(_ key: String) -> Int? {
            if case .int(let number) = self.attributes[key] { return number }
            return nil
        }

        var description: String { "\(self.name) [\(self.kind)] \(self.spanId) ← \(self.parentSpanId)" }
    }

    /// One data point of a metric.
    struct DataPoint: Decodable, CustomStringConvertible {
        var transport: String
        var service: String?
        var metric: String
        var type: String
        var attributes: [String: AttributeValue]
        /// A sum's or gauge's value; a histogram's count.
        var value: Double
        var sum: Double?

        func string(_ key: String) -> String? {
            if case .string(let text) = self.attributes[key] { return text }
            return nil
        }

        var description: String { "\(self.metric) \(self.attributes.keys.sorted()) \(self.value)" }
    }

    /// One log record.
    struct LogRecord: Decodable {
        var transport: String
        var service: String?
        var log: String
        var severity: String
        var attributes: [String: AttributeValue]

        func string(_ key: String) -> String? {
            if case .string(let text) = self.attributes[key] { return text }
            return nil
        }
    }

    /// An attribute's value as the collector wrote it.
    enum AttributeValue: Decodable {
        case string(String)
        case int(Int)
        case list([String])
        case other

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .int(number)
            } else if let text = try? container.decode(String.self) {
                self = .string(text)
            } else if let list = try? container.decode([String].self) {
                self = .list(list)
            } else {
                self = .other
            }
        }
    }

    /// The collector's Python, from `scripts/python-deps`.
    static let python = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(".build/python/bin/python").path
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("otlp_collector.py").path
    /// Whether the collector can run (`scripts/python-deps` made its environment).
    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: Self.python) }

    let httpPort: Int
    let grpcPort: Int
    let output: String
    let process: DaemonProcess

    /// Starts the collector on `host` (on free ports unless given); `launcher` runs it elsewhere (in a network namespace).
    init(host: String = "127.0.0.1", httpPort: Int? = nil, grpcPort: Int? = nil, launcher: [String] = []) async throws {
        self.httpPort = try httpPort ?? FreePort.next()
        self.grpcPort = try grpcPort ?? FreePort.next()
        let directory = try TemporaryDirectory.make(prefix: "otlp")
        #expect(chmod(directory, 0o755) == 0)
        self.output = "\(directory)/spans.jsonl"
        let command = [Self.python, Self.script, host, "\(self.httpPort)", "\(self.grpcPort)", self.output]
        self.process = launcher.isEmpty ? try DaemonProcess(command[0], Array(command.dropFirst()))
                                        : try DaemonProcess(launcher[0], Array(launcher.dropFirst()) + command)
        guard await self.process.waitForLog("listening") else {
            throw CollectorError(message: "the OTLP collector did not start:\n\(self.process.log)")
        }
    }

    deinit {
        self.process.send(SIGKILL)
    }

    /// Every span received so far.
    var spans: [Span] {
        let text = (try? String(contentsOfFile: self.output, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Span.self, from: Data($0.utf8)) }
    }

    /// The first log record whose body is `body` (any record without one), waiting up to 20 s for it.
    func log(_ body: String? = nil) async -> LogRecord? {
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let text = (try? String(contentsOfFile: self.output, encoding: .utf8)) ?? ""
            let records = text.split(separator: "\n").compactMap { try? JSONDecoder().decode(LogRecord.self, from: Data($0.utf8)) }
            if let found = records.first(where: { body == nil || $0.log == body }) { return found }
            if ContinuousClock.now > deadline { return nil }
            try? await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Every metric data point received so far, the latest export last.
    var dataPoints: [DataPoint] {
        let text = (try? String(contentsOfFile: self.output, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(DataPoint.self, from: Data($0.utf8)) }
    }

    /// The latest value of `metric` whose attributes include `attributes`, waiting up to 20 s for one that `satisfies`.
    func latest(_ metric: String, _ attributes: [String: String], satisfies: (Double) -> Bool = { _ in true }) async -> DataPoint? {
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let found = self.dataPoints.last { point in
                point.metric == metric && attributes.allSatisfy { point.string($0.key) == $0.value }
            }
            if let found, satisfies(found.value) { return found }
            if ContinuousClock.now > deadline { return found }
            try? await Task.sleep(for: .milliseconds(200))
        }
    }

    /// Waits until `count` spans have arrived (the exporters send in batches), or 20 s.
    func waitForSpans(_ count: Int, where filter: (Span) -> Bool = { _ in true }) async -> [Span] {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            let spans = self.spans.filter(filter)
            if spans.count >= count { return spans }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return self.spans.filter(filter)
    }

    struct CollectorError: Error, CustomStringConvertible {
        var message: String
        var description: String { self.message }
    }
}
