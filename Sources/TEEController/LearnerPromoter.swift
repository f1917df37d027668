import Logging
import ServiceLifecycle
import TEEStore

/// The leader's part of a controller join: the new etcd member starts as a learner (it gets the
/// log but does not vote), and is promoted to a voting member once it has caught up (etcd
/// refuses the promotion until then, so this simply tries every second).
struct LearnerPromoter: Service {
    let etcd: EtcdClient
    let leadership: Leadership
    let events: EventLog
    let logger: Logger

    func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.leadership.whileLeader { _ in
                while !Task.isCancelled {
                    for learner in (try? await self.etcd.members().filter(\.isLearner)) ?? [] where !learner.name.isEmpty {
                        do {
                            try await self.etcd.promoteMember(learner.id)
                            self.logger.notice("Promoted etcd member to voter", metadata: ["member": "\(learner.name)", "id": "\(learner.hexID)"])
                            await self.events.record("member", "etcd member \(learner.name) caught up and now votes")
                        } catch {
                            self.logger.debug("Learner not promoted yet", metadata: ["member": "\(learner.name)", "error": "\(error)"])
                        }
                    }
                    try await Task.sleep(for: .seconds(1))
                }
            }
        }
    }
}
