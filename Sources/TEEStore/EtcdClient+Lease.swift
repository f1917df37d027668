import GRPCCore

/// Leases: keys that live only while their owner keeps renewing them.
extension EtcdClient {
    /// A new lease of `ttl` seconds; returns its ID.
    public func grantLease(ttl: Int64) async throws(EtcdError) -> Int64 {
        var request = Etcdserverpb_LeaseGrantRequest()
        request.ttl = ttl
        let response = try await self.calling("granting a lease") { try await self.leases.leaseGrant(request, options: self.options()) }
        guard response.error.isEmpty else { throw .rejected(response.error) }
        return response.id
    }

    /// Ends a lease now, deleting its keys.
    public func revokeLease(_ lease: Int64) async throws(EtcdError) {
        var request = Etcdserverpb_LeaseRevokeRequest()
        request.id = lease
        _ = try await self.calling("revoking a lease") { try await self.leases.leaseRevoke(request, options: self.options()) }
    }

    /// Renews `lease` every `ttl`/3 until cancelled. Throws ``EtcdError/leaseExpired(_:)`` as soon
    /// as etcd says the lease is gone or no renewal succeeded for two thirds of `ttl` (the lease
    /// is then close to expiring, and whatever it guards must stop).
    public func keepAlive(lease: Int64, ttl: Int64) async throws(EtcdError) {
        let interval = Duration.seconds(ttl) / 3
        let renewed = RenewalClock()
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await self.leases.leaseKeepAlive(metadata: Self.requireLeader, options: self.streamOptions) { writer in
                        var request = Etcdserverpb_LeaseKeepAliveRequest()
                        request.id = lease
                        while !Task.isCancelled {
                            try await writer.write(request)
                            try await Task.sleep(for: interval)
                        }
                    } onResponse: { response in
                        for try await message in response.messages {
                            guard message.ttl > 0 else { throw EtcdError.leaseExpired(lease) }
                            renewed.mark()
                        }
                        throw EtcdError.unavailable("the lease keep-alive stream ended")
                    }
                }
                group.addTask {
                    // The deadline check: renewals must keep coming whatever the stream does.
                    while !Task.isCancelled {
                        try await Task.sleep(for: .milliseconds(100))
                        if renewed.elapsed > Duration.seconds(ttl) * 2 / 3 { throw EtcdError.leaseExpired(lease) }
                    }
                }
                try await group.next()
                group.cancelAll()
            }
        } catch let error as EtcdError {
            throw error
        } catch is CancellationError {
            return
        } catch let error as RPCError {
            if Task.isCancelled { return }
            throw .unavailable("renewing lease \(String(lease, radix: 16)) at \(self.endpoint): \(error.message)")
        } catch {
            if Task.isCancelled { return }
            throw .unavailable("renewing lease \(String(lease, radix: 16)) at \(self.endpoint): \(error)")
        }
    }

    /// Asks etcd to fail a stream when its member loses the raft leader, rather than go quiet.
    static let requireLeader: Metadata = ["hasleader": "true"]

    /// Options for long-lived streams: no deadline.
    var streamOptions: CallOptions {
        var options = CallOptions.defaults
        options.waitForReady = true
        return options
    }
}
