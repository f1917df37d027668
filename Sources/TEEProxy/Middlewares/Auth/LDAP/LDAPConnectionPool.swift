import NIOCore
import NIOSSL
import Synchronization

/// The ldap middleware's connections (`connPool`): up to `size` kept idle per event loop for
/// `ttl`, and at most `size + burst` open at once; past that a request gets 503.
final class LDAPConnectionPool: Sendable {
    /// More connections than `size + burst` were asked for.
    struct Exhausted: Error {}

    private struct State {
        var idle: [ObjectIdentifier: [LDAPConnection]] = [:]
        var open = 0
    }

    private let host: String
    private let port: Int
    private let tls: NIOSSLContext?
    private let size: Int
    private let burst: Int
    private let ttl: Duration
    private let state = Mutex(State())
    static let connectTimeout = Duration.seconds(5)

    init(host: String, port: Int, tls: NIOSSLContext?, size: Int, burst: Int, ttl: Duration) {
        self.host = host
        self.port = port
        self.tls = tls
        self.size = size
        self.burst = burst
        self.ttl = ttl
    }

    /// A connection on `loop`: an idle one still open and young enough, else a new one.
    func lease(on loop: any EventLoop) -> EventLoopFuture<LDAPConnection> {
        let key = ObjectIdentifier(loop as AnyObject)
        let now = ContinuousClock.now
        var stale: [LDAPConnection] = []
        let found: LDAPConnection?? = self.state.withLock { state in
            while let connection = state.idle[key]?.popLast() {
                if connection.channel.isActive && now - connection.opened < self.ttl { return .some(connection) }
                stale.append(connection)
                state.open -= 1
            }
            guard state.open < self.size + self.burst else { return nil }
            state.open += 1
            return .some(nil)
        }
        for connection in stale { connection.close() }
        switch found {
        case .some(.some(let connection)):
            return loop.makeSucceededFuture(connection)
        case .some(.none):
            return LDAPConnection.connect(host: self.host, port: self.port, tls: self.tls, timeout: Self.connectTimeout, on: loop)
                .flatMapErrorThrowing { error in
                    self.state.withLock { $0.open -= 1 }
                    throw error
                }
        case .none:
            return loop.makeFailedFuture(Exhausted())
        }
    }

    /// Gives a connection back: kept when it may be used again, closed otherwise.
    func release(_ connection: LDAPConnection, reusable: Bool) {
        let key = ObjectIdentifier(connection.channel.eventLoop as AnyObject)
        let kept = self.state.withLock { state -> Bool in
            let keep = reusable && connection.channel.isActive && ContinuousClock.now - connection.opened < self.ttl
                && (state.idle[key]?.count ?? 0) < self.size
            if keep {
                state.idle[key, default: []].append(connection)
            } else {
                state.open -= 1
            }
            return keep
        }
        if !kept { connection.close() }
    }
}
