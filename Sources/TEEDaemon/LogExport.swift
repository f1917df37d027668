public import Logging
public import ServiceLifecycle

/// A second place the daemon's log goes (`log.otlp`): a handler for each logger, beside the
/// journal or console one, and the service that sends what they collect (first in the group, so
/// it stops last and sends the shutdown's records too).
public struct LogExport: Sendable {
    public let makeHandler: @Sendable (String) -> any LogHandler
    public let service: any Service

    public init(makeHandler: @escaping @Sendable (String) -> any LogHandler, service: any Service) {
        self.makeHandler = makeHandler
        self.service = service
    }
}
