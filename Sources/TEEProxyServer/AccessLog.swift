import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import TEEModel

/// `accessLog`: one line per request that passes the filters, to `filePath` or, without one, to
/// the daemon's log (the journal under systemd, where each field is a `TEE_<NAME>` field of the
/// entry). Event loops only append to a buffer; this service writes it out every 100 ms (or as
/// soon as `bufferingSize` lines wait) and at shutdown, so a slow disk never stalls a request.
/// The file is opened for each batch, so logrotate's move-and-create needs no signal; SIGUSR1
/// writes out what waits at once. With `otlp`, each record also goes to the collector as a log
/// record whose attributes are the fields.
final class AccessLog: Service, Sendable {
    private let formatter: AccessLogFormatter
    private let settings: AccessLogConfiguration
    private let logger: Logger
    /// `otlp`'s logger: records go to the OTLP exporter.
    private let otlpLogger: Logger?
    private let state = Mutex<(pending: [(line: String, metadata: Logger.Metadata?)], count: Int)>(([], 0))
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation

    init(settings: AccessLogConfiguration, logger: Logger, otlpLogger: Logger? = nil) throws {
        self.formatter = AccessLogFormatter(format: settings.format, fields: settings.fields)
        self.settings = settings
        self.logger = logger
        self.otlpLogger = otlpLogger
        (self.wakeups, self.wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        if let filePath = settings.filePath {
            guard FileManager.default.fileExists(atPath: filePath) || FileManager.default.createFile(atPath: filePath, contents: nil) else {
                throw AccessLogError(path: filePath)
            }
        }
    }

    /// The observer to give entry points.
    var observer: RequestObserver {
        RequestObserver { [self] request in self.record(request) }
    }

    private func record(_ request: CompletedRequest) {
        let count = self.state.withLock { state in
            state.count += 1
            return state.count
        }
        guard request.accessLogged, !request.isInternal || self.settings.addInternals,
              self.settings.filters.keeps(status: request.status, retries: request.retries, duration: request.duration) else { return }
        let (line, metadata) = self.formatter.entry(for: request, count: count,
                                                    withMetadata: self.settings.filePath == nil || self.otlpLogger != nil)
        let waiting = self.state.withLock { state in
            state.pending.append((line, metadata))
            return state.pending.count
        }
        if self.settings.bufferingSize > 0, waiting >= self.settings.bufferingSize { self.wake.yield() }
    }

    func run() async throws {
        let ticker = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(100))
                self.wake.yield()
            }
        }
        await cancelWhenGracefulShutdown {
            for await _ in self.wakeups { self.flush() }
        }
        ticker.cancel()
        self.flush()
    }

    /// Writes out what waits (SIGUSR1: the next batch goes to the file now at `filePath`).
    func reopen() {
        self.flush()
    }

    /// Writes out everything recorded so far.
    func flush() {
        let entries = self.state.withLock { state -> [(line: String, metadata: Logger.Metadata?)] in
            defer { state.pending = [] }
            return state.pending
        }
        guard !entries.isEmpty else { return }
        if let otlpLogger {
            for entry in entries { otlpLogger.info("\(entry.line)", metadata: entry.metadata) }
        }
        guard let filePath = self.settings.filePath else {
            for entry in entries { self.logger.info("\(entry.line)", metadata: entry.metadata) }
            return
        }
        guard let handle = FileHandle(forWritingAtPath: filePath) else {
            if FileManager.default.createFile(atPath: filePath, contents: nil) { self.state.withLock { $0.pending = entries + $0.pending } }
            return
        }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data((entries.map(\.line).joined(separator: "\n") + "\n").utf8))
    }
}

/// The access log file cannot be created.
struct AccessLogError: Error, CustomStringConvertible {
    let path: String
    var description: String { "accessLog.filePath: cannot create \(self.path); check the directory exists and is writable" }
}
