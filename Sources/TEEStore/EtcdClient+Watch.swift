import Foundation
import GRPCCore

/// Watches: changes to keys, in revision order, resumable from a revision.
extension EtcdClient {
    /// Calls `onChange` with each batch of changes under `prefix` after `revision` (nil: from now;
    /// one batch per store revision), and with the revision it brings the watcher to, until
    /// cancelled or until `onChange` returns false. `onCreated` runs once etcd has set the watch
    /// up (returning false ends it): a caller watching from now can check there that it missed
    /// nothing. A watch from an old revision starts behind: etcd catches it up every 100 ms.
    /// Throws ``EtcdError/compacted(revision:)`` when the history from `revision` is gone (re-read,
    /// then watch from the read's revision), and ``EtcdError/unavailable(_:)`` when the member
    /// fails or loses its leader.
    public func watch(prefix: String, after revision: Int64?, onCreated: (@Sendable () async -> Bool)? = nil,
                      onChange: @escaping @Sendable ([WatchEvent], Int64) async -> Bool) async throws(EtcdError) {
        var create = Etcdserverpb_WatchCreateRequest()
        create.key = Data(prefix.utf8)
        create.rangeEnd = Data(KeyRange.prefixEnd(Array(prefix.utf8)))
        create.startRevision = revision.map { $0 + 1 } ?? 0
        create.progressNotify = true
        var message = Etcdserverpb_WatchRequest()
        message.createRequest = create
        let request = message
        do {
            try await self.watches.watch(metadata: Self.requireLeader, options: self.streamOptions) { writer in
                try await writer.write(request)
                // Keep the request side open: closing it would end the watch.
                try await Task.sleep(for: .seconds(Int64.max / 1_000_000_000))
            } onResponse: { response in
                for try await message in response.messages {
                    if message.compactRevision > 0 { throw EtcdError.compacted(revision: message.compactRevision) }
                    if message.canceled { throw EtcdError.watchCanceled(message.cancelReason) }
                    if message.created, let onCreated, await !onCreated() { throw WatchEnded() }
                    guard !message.events.isEmpty else { continue }
                    let events = message.events.map { event in
                        WatchEvent(kind: event.type == .delete ? .delete : .put, value: StoredValue(event.kv))
                    }
                    if await !onChange(events, message.header.revision) { throw WatchEnded() }
                }
                throw EtcdError.unavailable("the watch on \(prefix) ended")
            }
        } catch let error as EtcdError {
            throw error
        } catch is WatchEnded {
            return
        } catch is CancellationError {
            return
        } catch let error as RPCError {
            if Task.isCancelled { return }
            throw .unavailable("watching \(prefix) at \(self.endpoint): \(error.message)")
        } catch {
            if Task.isCancelled { return }
            throw .unavailable("watching \(prefix) at \(self.endpoint): \(error)")
        }
    }
}

/// Ends a watch whose caller has seen what it waited for.
private struct WatchEnded: Error {}
