import TEEModel
import GRPCCore
import SwiftProtobuf

/// The controller's side of `SnapshotDistribution.Subscribe`: after the node's Hello, every
/// snapshot newer than what the node serves, and the node's acknowledgements to the delegate.
struct DistributionService: Tee_Distribution_V1_SnapshotDistribution.SimpleServiceProtocol {
    let delegate: any DistributionDelegate

    func subscribe(request: RPCAsyncSequence<Tee_Distribution_V1_NodeMessage, any Error>,
                   response: RPCWriter<Tee_Distribution_V1_Snapshot>, context: ServerContext) async throws {
        var messages = request.makeAsyncIterator()
        guard let first = try await messages.next(), case .hello(let message)? = first.kind else {
            throw RPCError(code: .invalidArgument, message: "open the stream with a Hello")
        }
        let hello = NodeHello(nodeName: message.nodeName, role: message.role, appliedVersion: message.appliedVersion,
                              softwareVersion: message.softwareVersion)
        guard !hello.nodeName.isEmpty else { throw RPCError(code: .invalidArgument, message: "the Hello names no node") }
        await self.delegate.nodeConnected(hello, peer: context.remotePeer)
        // A node that vanishes (killed, reset) ends the stream with an error: it is disconnected all the same.
        do {
            try await self.follow(hello, messages: &messages, response: response)
        } catch {
            await self.delegate.nodeDisconnected(hello.nodeName)
            throw error
        }
        await self.delegate.nodeDisconnected(hello.nodeName)
    }

    func exchangeDemand(request: Tee_Distribution_V1_DemandReport, context: ServerContext) async throws -> Tee_Distribution_V1_DemandReport {
        let totals = await self.delegate.exchangeDemand(request.nodeName, request.rates.map { DemandRate(key: $0.key, rate: $0.rate) })
        return .with { answer in
            answer.nodeName = request.nodeName
            answer.rates = totals.map { total in .with { $0.key = total.key; $0.rate = total.rate } }
        }
    }

    /// Sends snapshots and takes acknowledgements until the node ends the stream.
    private func follow(_ hello: NodeHello, messages: inout RPCAsyncSequence<Tee_Distribution_V1_NodeMessage, any Error>.AsyncIterator,
                        response: RPCWriter<Tee_Distribution_V1_Snapshot>) async throws {
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                var sent = hello.appliedVersion
                for await snapshot in self.delegate.snapshots() where snapshot.version > sent {
                    try await response.write(snapshot.message)
                    sent = snapshot.version
                }
            }
            while let message = try await messages.next() {
                switch message.kind {
                case .acknowledgement(let ack):
                    await self.delegate.nodeAcknowledged(hello.nodeName, SnapshotAcknowledgement(
                        version: ack.version, applied: ack.applied, error: ack.error.isEmpty ? nil : ack.error))
                case .traffic(let report):
                    await self.delegate.nodeReported(hello.nodeName, TrafficSample(report))
                case .hello, nil:
                    continue
                }
            }
            group.cancelAll()
        }
    }
}
