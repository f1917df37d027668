import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// `accessLog`: one line per request, to `filePath` or, without one, to the daemon's log (the
/// journal under systemd). Event loops only append to a buffer; this service writes it out
/// every 100 ms and at shutdown, so a slow disk never stalls a request.
final class AccessLog: Service, Sendable {
    private let formatter: AccessLogFormatter
    private let filePath: String?
    private let logger: Logger
    private let state = Mutex<(pending: [String], count: Int)>(([], 0))

    init(format: String, filePath: String?, logger: Logger) throws {
        self.formatter = AccessLogFormatter(format: format)
        self.filePath = filePath
        self.logger = logger
        if let filePath {
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
        self.state.withLock { state in
            state.count += 1
            state.pending.append(self.formatter.line(for: request, count: state.count))
        }
    }

    func run() async throws {
        try? await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                try await Task.sleep(for: .milliseconds(100))
                self.flush()
            }
        }
        self.flush()
    }

    /// Writes out everything recorded so far.
    func flush() {
        let lines = self.state.withLock { state -> [String] in
            defer { state.pending = [] }
            return state.pending
        }
        guard !lines.isEmpty else { return }
        guard let filePath = self.filePath else {
            for line in lines { self.logger.info("\(line)") }
            return
        }
        // Opened for each batch, so that logrotate's move-and-create needs no signal.
        guard let handle = FileHandle(forWritingAtPath: filePath) else {
            if FileManager.default.createFile(atPath: filePath, contents: nil) { self.state.withLock { $0.pending = lines + $0.pending } }
            return
        }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
    }
}

/// The access log file cannot be created.
struct AccessLogError: Error, CustomStringConvertible {
    let path: String
    var description: String { "accessLog.filePath: cannot create \(self.path); check the directory exists and is writable" }
}
