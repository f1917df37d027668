import Logging
import Synchronization
@testable import TEEDaemon
import TEESystemd
import Testing
#if canImport(Glibc)
import Glibc
#endif

@Suite struct LoggingTests {
    @Test func formatIsJournalOnlyWhenStderrIsTheJournal() {
        var status = stat()
        fstat(STDERR_FILENO, &status)
        let journal = ["JOURNAL_STREAM": "\(status.st_dev):\(status.st_ino)"]
        #expect(DaemonLogging(programName: "t", format: nil, level: nil, environment: journal).format == .journal)
        #expect(DaemonLogging(programName: "t", format: nil, level: nil, environment: [:]).format == .console)
        #expect(DaemonLogging(programName: "t", format: .json, level: nil, environment: journal).format == .json)
        #expect(DaemonLogging(programName: "t", format: nil, level: nil, environment: [:]).level == .info)
        #expect(DaemonLogging(programName: "t", format: nil, level: .debug, environment: [:]).makeLogger(label: "x").logLevel == .debug)
    }

    @Test func jsonLineCarriesFieldsAndEscapes() {
        let record = LogRecord(label: "tee-proxy", level: .warning, message: "say \"hi\"\n", metadata: ["entry_point": "web"],
                               file: "F.swift", function: "f()", line: 3)
        let line = JSONSink.encode(record, time: "2026-01-01T00:00:00.000Z")
        #expect(line == #"{"time":"2026-01-01T00:00:00.000Z","level":"warning","logger":"tee-proxy","msg":"say \"hi\"\n","file":"F.swift","line":"3","func":"f()","entry_point":"web"}"#)
    }

    @Test func handlerMergesMetadataWithStatementWinning() {
        let sink = RecordingSink()
        var logger = Logger(label: "t") { SinkLogHandler(label: $0, level: .info, sink: sink) }
        logger[metadataKey: "component"] = "proxy"
        logger[metadataKey: "entry_point"] = "web"
        logger.info("hello", metadata: ["entry_point": "websecure"])
        logger.debug("dropped")
        let records = sink.records
        #expect(records.count == 1)
        #expect(records.first?.metadata["component"] == "proxy")
        #expect(records.first?.metadata["entry_point"] == "websecure")
        #expect(records.first?.line ?? 0 > 0)
    }

    @Test func timestampIsRFC3339WithMilliseconds() {
        let stamp = LogTimestamp.now()
        #expect(stamp.count == 24, "\(stamp)")
        #expect(stamp.hasSuffix("Z"))
        #expect(stamp.dropFirst(10).first == "T")
    }
}

/// Keeps records in memory for assertions.
final class RecordingSink: LogSink {
    private let stored = Mutex<[LogRecord]>([])

    var records: [LogRecord] { self.stored.withLock { $0 } }

    func write(_ record: LogRecord) {
        self.stored.withLock { $0.append(record) }
    }
}

@Suite struct TraefikLogLevelTests {
    @Test("Traefik's log.level names", arguments: [
        ("DEBUG", Logger.Level.debug), ("info", .info), ("WARN", .warning), ("ERROR", .error), ("FATAL", .critical),
        ("PANIC", .critical), ("trace", .trace),
    ])
    func names(name: String, level: Logger.Level) {
        #expect(TraefikLogLevel.level(named: name) == level)
    }

    @Test func unknownNames() {
        #expect(TraefikLogLevel.level(named: "loud") == nil)
    }
}
