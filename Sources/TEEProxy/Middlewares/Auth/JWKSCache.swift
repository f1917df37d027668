import Foundation
import JWTKit
import NIOCore
import NIOHTTP1
import Synchronization
import TEEModel

/// The JWK set a jwt middleware verifies with: from `jwksFile` (fixed), or fetched from
/// `jwksUrl` and kept for the answer's `Cache-Control: max-age` (else five minutes), fetched
/// again when it is older or a token names a key it lacks (at most once a second). When the
/// URL cannot be fetched the last set goes on serving; with none, requests get 503.
final class JWKSCache: Sendable {
    /// A set ready to verify with, and the key IDs in it.
    struct Keys: Sendable {
        let collection: JWTKeyCollection
        let keyIDs: Set<String>
        /// The keys looked up in this set so far.
        let verifiers = JWTVerifiers()
        fileprivate let fetched: ContinuousClock.Instant
        fileprivate let maxAge: Duration?
    }

    /// No key set could be had: the URL did not answer with one and none was kept.
    struct Unreachable: Error {}

    static let defaultMaxAge = Duration.seconds(300)
    static let minimumRefetch = Duration.seconds(1)

    private let provider: IdentityProviderClient?
    /// `jwksFile`'s set, until its collection is made.
    private let fileSet: JWKS?
    private let current: Mutex<Keys?>

    /// A fixed set (`jwksFile`); throws when the JSON is not a JWK set.
    init(json: String) throws {
        self.fileSet = try JSONDecoder().decode(JWKS.self, from: Data(json.utf8))
        self.provider = nil
        self.current = Mutex(nil)
    }

    /// A set fetched from `provider` (`jwksUrl`).
    init(provider: IdentityProviderClient) {
        self.fileSet = nil
        self.provider = provider
        self.current = Mutex(nil)
    }

    /// The set in hand, when it needs no fetch for a token whose header names `keyID`.
    func freshKeys(for keyID: String?) -> Keys? {
        guard let current = self.current.withLock({ $0 }) else { return nil }
        guard let maxAge = current.maxAge else { return current }
        let age = ContinuousClock.now - current.fetched
        let knows = keyID.map { current.keyIDs.contains($0) } ?? true
        return age < maxAge && knows ? current : nil
    }

    /// The keys to verify a token whose header names `keyID`.
    func keys(for keyID: String?, context: MiddlewareContext) -> EventLoopFuture<Keys> {
        let current = self.current.withLock { $0 }
        guard let provider = self.provider else {
            if let current { return context.eventLoop.makeSucceededFuture(current) }
            return self.install(self.fileSet!, maxAge: nil, on: context.eventLoop)
        }
        if let current, let maxAge = current.maxAge {
            let age = ContinuousClock.now - current.fetched
            let knows = keyID.map { current.keyIDs.contains($0) } ?? true
            if age < maxAge && (knows || age < Self.minimumRefetch) { return context.eventLoop.makeSucceededFuture(current) }
        }
        return provider.get(context: context).flatMap { response -> EventLoopFuture<Keys> in
            guard response.head.status.code == 200,
                  let set = try? JSONDecoder().decode(JWKS.self, from: Data(response.body.readableBytesView)) else {
                return context.eventLoop.makeFailedFuture(Unreachable())
            }
            return self.install(set, maxAge: Self.maxAge(response.head.headers.first(name: "cache-control")), on: context.eventLoop)
        }.flatMapError { _ in
            // The last set goes on serving while the URL does not answer.
            guard let current else { return context.eventLoop.makeFailedFuture(Unreachable()) }
            return context.eventLoop.makeSucceededFuture(current)
        }
    }

    private func install(_ set: JWKS, maxAge: Duration?, on loop: any EventLoop) -> EventLoopFuture<Keys> {
        loop.makeFutureWithTask {
            let collection = JWTKeyCollection()
            _ = try await collection.add(jwks: set)
            let keys = Keys(collection: collection, keyIDs: Set(set.keys.compactMap { $0.keyIdentifier?.string }), fetched: .now, maxAge: maxAge)
            self.current.withLock { $0 = keys }
            return keys
        }
    }

    /// `max-age` of a `Cache-Control` value; zero for `no-store` or `no-cache`; five minutes without one.
    static func maxAge(_ cacheControl: String?) -> Duration {
        var maxAge = Self.defaultMaxAge
        for directive in (cacheControl ?? "").lowercased().split(separator: ",") {
            let parts = directive.trimmingSpaces().split(separator: "=", maxSplits: 1)
            if parts.first == "no-store" || parts.first == "no-cache" { return .zero }
            if parts.count == 2, parts[0] == "max-age", let seconds = Int64(parts[1]) { maxAge = .seconds(max(0, seconds)) }
        }
        return maxAge
    }
}
