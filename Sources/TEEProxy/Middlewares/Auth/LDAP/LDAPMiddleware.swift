import Crypto
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
public import TEEModel

/// `plugin.ldap`: checks each request's `Authorization: Basic` credentials against an LDAP
/// server. Bind mode binds as `attribute=username,baseDN` with the password; search mode (with
/// `searchFilter`) binds as `bindDN`, finds the one entry the filter matches with the username,
/// and binds as it. A refused bind, no or several entries, or an empty password get 401; a server
/// that cannot be reached 503. Users that passed are remembered for `cacheDuration`.
public struct LDAPMiddleware: RequestMiddleware {
    private let configuration: LDAPConfiguration
    private let pool: LDAPConnectionPool
    private let passed: VerifiedCredentials

    public init(_ configuration: LDAPConfiguration) throws {
        self.configuration = configuration
        var tls: NIOSSLContext?
        if configuration.usesTLS {
            var settings = TLSConfiguration.makeClientConfiguration()
            if let ca = configuration.certificateAuthority {
                do {
                    settings.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(ca))
                } catch {
                    throw MiddlewareBuildError("certificateAuthority '\(ca)' is not a PEM certificate file: \(error)")
                }
            }
            tls = try NIOSSLContext(configuration: settings)
        }
        self.pool = LDAPConnectionPool(host: configuration.host, port: configuration.port, tls: tls, size: configuration.poolSize,
                                       burst: configuration.poolBurst, ttl: configuration.poolTTL)
        self.passed = VerifiedCredentials(lifetime: configuration.cacheDuration)
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        guard let (username, password) = BasicAuthMiddleware.credentials(request.head.headers.first(name: "authorization")),
              !username.isEmpty, !password.isEmpty else {
            // An empty password would be an unauthenticated bind, which LDAP servers accept: refused here.
            return self.unauthorized
        }
        let digest = Data(SHA256.hash(data: Data("\(username)\u{0}\(password)".utf8)))
        if self.passed.contains(digest) {
            self.accept(&request, username: username)
            return .proceed
        }
        return .suspend(MiddlewareSuspension { [self] request, context in
            self.pool.lease(on: context.eventLoop).flatMap { connection in
                self.authenticate(username, password, on: connection).map { accepted -> Bool in
                    self.pool.release(connection, reusable: true)
                    return accepted
                }.flatMapErrorThrowing { error -> Bool in
                    self.pool.release(connection, reusable: false)
                    throw error
                }
            }.map { accepted -> (ProxyRequest, MiddlewareOutcome) in
                guard accepted else { return (request, self.unauthorized) }
                self.passed.insert(digest)
                var request = request
                self.accept(&request, username: username)
                return (request, .proceed)
            }.recover { _ in (request, AuthAnswer.providerUnavailable) }
        })
    }

    private var unauthorized: MiddlewareOutcome {
        guard self.configuration.wwwAuthenticateHeader else { return AuthAnswer.unauthorized() }
        let realm = self.configuration.wwwAuthenticateHeaderRealm
        return AuthAnswer.unauthorized(challenge: realm.isEmpty ? "Basic" : "Basic realm=\"\(realm)\"")
    }

    private func accept(_ request: inout ProxyRequest, username: String) {
        request.clientUsername = username
        if self.configuration.forwardUsername {
            request.head.headers.replaceOrAdd(name: self.configuration.forwardUsernameHeader, value: username)
        }
        if !self.configuration.forwardAuthorization { request.head.headers.remove(name: "Authorization") }
    }

    /// Whether the server accepts the credentials; fails when it cannot be asked.
    private func authenticate(_ username: String, _ password: String, on connection: LDAPConnection) -> EventLoopFuture<Bool> {
        let settings = self.configuration
        guard let template = settings.searchFilter else {
            let dn = "\(settings.attribute)=\(LDAPMessage.escapeDNValue(username)),\(settings.baseDN)"
            return connection.bind(dn: dn, password: password).map { $0 == 0 }
        }
        let filter: LDAPFilter
        do {
            filter = try LDAPFilter.parse(template.replacingOccurrences(of: "%s", with: LDAPFilter.escape(username)))
        } catch {
            return connection.channel.eventLoop.makeSucceededFuture(false)
        }
        return connection.bind(dn: settings.bindDN ?? "", password: settings.bindPassword ?? "").flatMap { code in
            guard code == 0 else {
                // The search account was refused: the server cannot be asked, so nobody passes.
                return connection.channel.eventLoop.makeFailedFuture(LDAPConnection.Failure.closed)
            }
            return connection.search(base: settings.baseDN, filter: filter).flatMap { result in
                guard result.code == 0 || result.code == 4, result.entries.count == 1, let dn = result.entries.first else {
                    return connection.channel.eventLoop.makeSucceededFuture(false)
                }
                return connection.bind(dn: dn, password: password).map { $0 == 0 }
            }
        }
    }
}
