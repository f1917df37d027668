import NIOHTTP1
import Synchronization
public import TEEModel

/// `inFlightReq`: at most `amount` requests in progress per source; the next gets 429 until one ends.
public final class InFlightReqMiddleware: RequestMiddleware {
    public let configuration: InFlightReqConfiguration
    private let criterion: SourceCriterion
    private let inFlight = Mutex<[String: Int]>([:])

    public init(_ configuration: InFlightReqConfiguration) {
        self.configuration = configuration
        self.criterion = SourceCriterion(configuration.sourceCriterion)
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        let source = self.criterion.source(of: request)
        let admitted = self.inFlight.withLock { counts -> Bool in
            let current = counts[source] ?? 0
            guard current < self.configuration.amount else { return false }
            counts[source] = current + 1
            return true
        }
        guard admitted else { return .respond(SyntheticResponse(status: .tooManyRequests, body: "Too Many Requests")) }
        request.onCompletion { [self] _ in
            self.inFlight.withLock { counts in
                let remaining = (counts[source] ?? 1) - 1
                counts[source] = remaining > 0 ? remaining : nil
            }
        }
        return .proceed
    }
}
