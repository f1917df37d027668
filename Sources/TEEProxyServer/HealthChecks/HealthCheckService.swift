import Logging
import NIOCore
import ServiceLifecycle
import TEEModel
import TEEProxy

/// Runs the active health checks of the runtime in service: each server with a `healthCheck`
/// is checked at once and then every `interval` (`unhealthyInterval` while it fails); a failing
/// server leaves its load balancer's rotation and comes back when a check passes. When a reload
/// puts a new runtime in service, the checks of the old one stop and the new one's start.
final class HealthCheckService: Service, Sendable {
    private let runtime: RuntimeReference
    private let pools: UpstreamPools
    private let group: any EventLoopGroup
    private let metrics: ProxyMetrics?
    private let logger: Logger

    init(runtime: RuntimeReference, group: any EventLoopGroup, metrics: ProxyMetrics?, logger: Logger) {
        self.runtime = runtime
        self.pools = UpstreamPools(group: group)
        self.group = group
        self.metrics = metrics
        self.logger = logger
    }

    func run() async throws {
        var checked: ProxyRuntime?
        var checks: Task<Void, Never>?
        while !Task.isCancelled && !Task.isShuttingDownGracefully {
            let current = self.runtime.current
            if current !== checked {
                checks?.cancel()
                checked = current
                let servers = current.servers.filter { $0.healthCheck != nil }
                checks = servers.isEmpty ? nil : Task { await self.checkAll(servers) }
            }
            try? await Task.sleep(for: .milliseconds(200))
        }
        checks?.cancel()
        await checks?.value
    }

    private func checkAll(_ servers: [UpstreamServer]) async {
        await withTaskGroup(of: Void.self) { group in
            for server in servers {
                group.addTask { await self.keepChecking(server) }
            }
        }
    }

    private func keepChecking(_ server: UpstreamServer) async {
        guard let check = server.healthCheck else { return }
        let loop = self.group.next()
        let pool = await Self.pool(of: self.pools, on: loop)
        while !Task.isCancelled {
            let verdict = await HealthProbe.check(server, check, pool: pool, loop: loop)
            guard !Task.isCancelled else { return }
            let healthy = verdict == nil
            if healthy != server.passesActiveCheck {
                if let reason = verdict {
                    self.logger.warning("Health check failed; server leaves the rotation", metadata: [
                        "service": "\(server.serviceName)", "server": "\(server.urlText)", "reason": "\(reason)",
                    ])
                } else {
                    self.logger.notice("Health check passed; server is back in the rotation", metadata: [
                        "service": "\(server.serviceName)", "server": "\(server.urlText)",
                    ])
                }
                server.passesActiveCheck = healthy
            }
            self.metrics?.serverUp(service: server.serviceName, url: server.urlText, up: healthy)
            let wait = healthy ? check.interval : (check.unhealthyInterval ?? check.interval)
            try? await Task.sleep(for: wait)
        }
    }

    private static func pool(of pools: UpstreamPools, on loop: any EventLoop) async -> UpstreamConnectionPool {
        // The pools hand out a loop's pool only on that loop.
        (try? await loop.submit { pools.pool(for: loop) }.get())!
    }
}
