import NIOCore
import Synchronization
import TEEProxy

/// One ``SpanEndQueue`` per event loop, looked up once per connection.
final class SpanEndQueues: Sendable {
    private let queues = Mutex<[ObjectIdentifier: SpanEndQueue]>([:])

    func queue(for eventLoop: any EventLoop) -> SpanEndQueue {
        self.queues.withLock { queues in
            let key = ObjectIdentifier(eventLoop)
            if let queue = queues[key] { return queue }
            let queue = SpanEndQueue(eventLoop: eventLoop)
            queues[key] = queue
            return queue
        }
    }
}
