import Crypto
import Foundation
import JWTKit
import NIOCore
import NIOHTTP1
public import TEEModel

/// `plugin.oidc`: OpenID Connect's authorization code flow. A request without a valid session
/// is sent to the provider (302, with a sealed state cookie; PKCE with `pkce`), or gets 401 when
/// `disableLogin` is set, `loginUrl` is elsewhere, or it is not a GET. The provider sends the user
/// back to `redirectUrl`, where the code is exchanged for tokens, the ID token verified (signature
/// from the provider's JWK set, `iss`, `aud`, `nonce`, time), and a sealed session cookie set.
/// Claims that expire are refreshed with the refresh token (`session.refresh`); `logoutUrl` ends
/// the session. A provider that cannot be reached gets 503.
public struct OIDCMiddleware: RequestMiddleware {
    private let configuration: OIDCConfiguration
    private let provider: OIDCProvider
    private let cipher: SessionCipher
    private let enforcer: ClaimsEnforcer
    private let stateCookieName: String
    private let sessionCookieName: String
    private let redirect: OIDCLocation
    private let login: OIDCLocation?
    private let logout: OIDCLocation?

    public init(_ configuration: OIDCConfiguration, name: String) {
        self.configuration = configuration
        self.provider = OIDCProvider(configuration)
        self.cipher = SessionCipher(secret: configuration.sessionSecret ?? configuration.clientSecret,
                                    context: "\(configuration.issuer) \(configuration.clientID)")
        self.enforcer = ClaimsEnforcer(policy: configuration.policy)
        let base = String(name.prefix { $0 != "@" }.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" ? $0 : "-" })
        self.stateCookieName = configuration.stateCookie.name ?? "\(base)-state"
        self.sessionCookieName = configuration.session.name ?? "\(base)-session"
        self.redirect = OIDCLocation(configuration.redirectURL)
        self.login = configuration.loginURL.map(OIDCLocation.init)
        self.logout = configuration.logoutURL.map(OIDCLocation.init)
    }

    public func handle(_ request: inout ProxyRequest) -> MiddlewareOutcome {
        let now = Date().timeIntervalSince1970
        if self.redirect.matches(request) { return self.callback(request, now: now) }
        if let logout = self.logout, logout.matches(request) { return self.endSession(request) }
        if let cookie = CookieHeader.value(named: self.sessionCookieName, in: request.head.headers["cookie"]),
           let session = self.cipher.open(cookie, as: OIDCSession.self), session.expiry > now {
            if session.claimsExpiry > now { return self.admit(&request, session: session, now: now, renewed: false) }
            if self.configuration.sessionRefresh, let refreshToken = session.refreshToken {
                return self.refresh(session, refreshToken: refreshToken, now: now)
            }
        }
        return self.startLogin(request)
    }

    // MARK: A request with a session

    private func admit(_ request: inout ProxyRequest, session: OIDCSession, now: Double, renewed: Bool) -> MiddlewareOutcome {
        if let csrf = self.configuration.csrf, !["GET", "HEAD", "OPTIONS", "TRACE"].contains(request.method) {
            guard let expected = session.csrf, request.head.headers.first(name: csrf.headerName) == expected else { return AuthAnswer.forbidden }
        }
        guard let claims = try? JSONDecoder().decode(ClaimValue.self, from: Data(session.claims.utf8)) else { return self.startLogin(request) }
        let outcome = self.enforcer.apply(claims, to: &request)
        if renewed || self.configuration.sessionSliding {
            var session = session
            if self.configuration.sessionSliding { session.expiry = now + Double(self.configuration.session.maxAge) }
            request.responseHeaders += self.sessionCookies(session).map { ("Set-Cookie", $0) }
        }
        return outcome
    }

    private func refresh(_ session: OIDCSession, refreshToken: String, now: Double) -> MiddlewareOutcome {
        .suspend(MiddlewareSuspension { [self] request, context in
            self.provider.metadata(context: context).flatMap { metadata in
                self.exchange([("grant_type", "refresh_token"), ("refresh_token", refreshToken)], metadata: metadata, nonce: nil,
                              refreshing: session, context: context)
            }.map { tokens -> (ProxyRequest, MiddlewareOutcome) in
                var request = request
                guard let tokens else { return (request, self.startLogin(request)) }
                var renewed = session
                renewed.claims = tokens.claims
                renewed.claimsExpiry = tokens.claimsExpiry
                renewed.refreshToken = tokens.refreshToken ?? refreshToken
                let outcome = self.admit(&request, session: renewed, now: now, renewed: true)
                return (request, outcome)
            }.recover { _ in (request, AuthAnswer.providerUnavailable) }
        })
    }

    // MARK: Logging in

    private func startLogin(_ request: ProxyRequest) -> MiddlewareOutcome {
        let challenge = self.configuration.disableLogin || (self.login.map { !$0.matches(request) } ?? false)
            || !(request.method == "GET" || request.method == "HEAD")
        if challenge { return AuthAnswer.unauthorized() }
        let target = self.configuration.postLoginRedirectURL.map { OIDCLocation($0).absolute(for: request) }
            ?? "\(OIDCLocation.scheme(of: request))://\(OIDCLocation.authority(of: request))\(request.head.uri)"
        let state = OIDCLoginState(state: SessionCipher.random(16), nonce: SessionCipher.random(16),
                                   verifier: self.configuration.pkce ? SessionCipher.random(32) : nil, target: target,
                                   created: Date().timeIntervalSince1970)
        let redirectURI = self.redirect.absolute(for: request)
        return .suspend(MiddlewareSuspension { [self] request, context in
            self.provider.metadata(context: context).map { metadata -> (ProxyRequest, MiddlewareOutcome) in
                var parameters = [("response_type", "code"), ("client_id", self.configuration.clientID), ("redirect_uri", redirectURI),
                                  ("scope", self.configuration.scopes.joined(separator: " ")), ("state", state.state), ("nonce", state.nonce)]
                if let verifier = state.verifier {
                    parameters += [("code_challenge", Base64URL.encode(SHA256.hash(data: Data(verifier.utf8)))),
                                   ("code_challenge_method", "S256")]
                }
                for (name, value) in self.configuration.authParams {
                    parameters.removeAll { $0.0 == name }
                    if !(name == "prompt" && value.isEmpty) { parameters.append((name, value)) }
                }
                let query = parameters.map { "\(IdentityProviderClient.formEncode($0.0))=\(IdentityProviderClient.formEncode($0.1))" }
                    .joined(separator: "&")
                let separator = metadata.authorizationEndpoint.contains("?") ? "&" : "?"
                var headers = HTTPHeaders()
                headers.add(name: "Location", value: metadata.authorizationEndpoint + separator + query)
                headers.add(name: "Set-Cookie", value: self.cookie(self.stateCookieName, self.cipher.seal(state) ?? "",
                                                                   settings: self.configuration.stateCookie, maxAge: self.configuration.stateCookie.maxAge))
                headers.add(name: "Cache-Control", value: "no-store")
                return (request, .respond(SyntheticResponse(status: .found, headers: headers, body: "")))
            }.recover { _ in (request, AuthAnswer.providerUnavailable) }
        })
    }

    private func callback(_ request: ProxyRequest, now: Double) -> MiddlewareOutcome {
        guard let cookie = CookieHeader.value(named: self.stateCookieName, in: request.head.headers["cookie"]),
              let state = self.cipher.open(cookie, as: OIDCLoginState.self), now - state.created < Double(self.configuration.stateCookie.maxAge),
              request.queryValues("state").first == state.state else {
            return .respond(SyntheticResponse(status: .unauthorized, body: "401 Unauthorized: the login state does not match; start again\n"))
        }
        guard let code = request.queryValues("code").first, !code.isEmpty else {
            let error = request.queryValues("error").first ?? "no code"
            return .respond(SyntheticResponse(status: .unauthorized, body: "401 Unauthorized: the provider answered \(error)\n"))
        }
        var fields = [("grant_type", "authorization_code"), ("code", code), ("redirect_uri", self.redirect.absolute(for: request))]
        if let verifier = state.verifier { fields.append(("code_verifier", verifier)) }
        return .suspend(MiddlewareSuspension { [self, fields] request, context in
            self.provider.metadata(context: context).flatMap { metadata in
                self.exchange(fields, metadata: metadata, nonce: state.nonce, refreshing: nil, context: context)
            }.map { tokens -> (ProxyRequest, MiddlewareOutcome) in
                guard let tokens else {
                    return (request, .respond(SyntheticResponse(status: .unauthorized, body: "401 Unauthorized: the provider's tokens were refused\n")))
                }
                let session = OIDCSession(claims: tokens.claims, refreshToken: tokens.refreshToken, claimsExpiry: tokens.claimsExpiry,
                                          expiry: now + Double(self.configuration.session.maxAge),
                                          csrf: self.configuration.csrf == nil ? nil : SessionCipher.random(24))
                var headers = HTTPHeaders()
                headers.add(name: "Location", value: state.target)
                headers.add(name: "Cache-Control", value: "no-store")
                for cookie in self.sessionCookies(session) { headers.add(name: "Set-Cookie", value: cookie) }
                headers.add(name: "Set-Cookie", value: self.cookie(self.stateCookieName, "", settings: self.configuration.stateCookie, maxAge: 0))
                return (request, .respond(SyntheticResponse(status: .found, headers: headers, body: "")))
            }.recover { _ in (request, AuthAnswer.providerUnavailable) }
        })
    }

    /// The verified result of a token request: the ID token's claims and when they expire, and a refresh token.
    private struct Tokens {
        let claims: String
        let claimsExpiry: Double
        let refreshToken: String?
    }

    /// Asks the token endpoint (client credentials in HTTP Basic) and verifies the ID token it
    /// returns; nil when the endpoint refuses or the token does not verify, a failure when it cannot be asked.
    /// A refresh (`refreshing`) may be answered without an ID token (OpenID Connect §12.2): the
    /// session's claims then last as long as the new access token.
    private func exchange(_ fields: [(String, String)], metadata: OIDCProvider.Metadata, nonce: String?, refreshing: OIDCSession?,
                          context: MiddlewareContext) -> EventLoopFuture<Tokens?> {
        var headers = HTTPHeaders()
        let credentials = "\(IdentityProviderClient.formEncode(self.configuration.clientID)):\(IdentityProviderClient.formEncode(self.configuration.clientSecret))"
        headers.add(name: "Authorization", value: "Basic " + Data(credentials.utf8).base64EncodedString())
        return metadata.token.postForm(fields, headers: headers, context: context).flatMap { response -> EventLoopFuture<Tokens?> in
            if response.head.status.code >= 500 { return context.eventLoop.makeFailedFuture(OIDCProvider.Unreachable()) }
            guard response.head.status == .ok,
                  let answer = try? JSONDecoder().decode(ClaimValue.self, from: Data(response.body.readableBytesView)) else {
                return context.eventLoop.makeSucceededFuture(nil)
            }
            var refreshToken: String?
            if case .string(let token)? = answer.value(at: ["refresh_token"]) { refreshToken = token }
            guard case .string(let idToken)? = answer.value(at: ["id_token"]), let header = JWTHeaderFields(token: idToken) else {
                guard let session = refreshing, case .string? = answer.value(at: ["access_token"]) else {
                    return context.eventLoop.makeSucceededFuture(nil)
                }
                let lifetime = answer.value(at: ["expires_in"])?.number ?? 300
                return context.eventLoop.makeSucceededFuture(Tokens(claims: session.claims, claimsExpiry: Date().timeIntervalSince1970 + lifetime,
                                                                    refreshToken: refreshToken))
            }
            return metadata.keys.keys(for: header.keyID, context: context).flatMap { keys in
                context.eventLoop.makeFutureWithTask { () -> Tokens? in
                    guard let verified = try? await keys.collection.verify(idToken, as: JWTClaims.self) else { return nil }
                    let claims = verified.claims
                    guard claims.value(at: ["iss"]) == .string(metadata.issuer), Self.audience(claims, contains: self.configuration.clientID),
                          nonce == nil || claims.value(at: ["nonce"]) == .string(nonce!),
                          let expiry = claims.value(at: ["exp"])?.number,
                          let payload = Base64URL.decode(String(idToken.split(separator: ".")[1])) else { return nil }
                    return Tokens(claims: String(decoding: payload, as: UTF8.self), claimsExpiry: expiry, refreshToken: refreshToken)
                }
            }
        }
    }

    private static func audience(_ claims: ClaimValue, contains clientID: String) -> Bool {
        switch claims.value(at: ["aud"]) {
        case .string(let audience)?: audience == clientID
        case .array(let audiences)?: audiences.contains(.string(clientID))
        default: false
        }
    }

    // MARK: Logging out

    private func endSession(_ request: ProxyRequest) -> MiddlewareOutcome {
        let after = self.configuration.postLogoutRedirectURL.map { OIDCLocation($0).absolute(for: request) }
        let cleared = self.cookie(self.sessionCookieName, "", settings: self.configuration.session, maxAge: 0)
        return .suspend(MiddlewareSuspension { [self] request, context in
            self.provider.metadata(context: context).map { Optional($0) }.recover { _ in nil }.map { metadata -> (ProxyRequest, MiddlewareOutcome) in
                var location = after ?? "/"
                if let endpoint = metadata?.endSessionEndpoint {
                    var query = "client_id=\(IdentityProviderClient.formEncode(self.configuration.clientID))"
                    if let after { query += "&post_logout_redirect_uri=\(IdentityProviderClient.formEncode(after))" }
                    location = endpoint + (endpoint.contains("?") ? "&" : "?") + query
                }
                var headers = HTTPHeaders()
                headers.add(name: "Location", value: location)
                headers.add(name: "Set-Cookie", value: cleared)
                if self.configuration.csrf != nil {
                    headers.add(name: "Set-Cookie", value: self.cookie("traefikee-csrf-token", "", settings: self.configuration.session, maxAge: 0, httpOnly: false))
                }
                return (request, .respond(SyntheticResponse(status: .found, headers: headers, body: "")))
            }
        })
    }

    // MARK: Cookies

    private func sessionCookies(_ session: OIDCSession) -> [String] {
        let maxAge = max(0, Int(session.expiry - Date().timeIntervalSince1970))
        var cookies = [self.cookie(self.sessionCookieName, self.cipher.seal(session) ?? "", settings: self.configuration.session, maxAge: maxAge)]
        if let csrf = self.configuration.csrf, let token = session.csrf {
            var settings = self.configuration.session
            settings.secure = csrf.secure
            cookies.append(self.cookie("traefikee-csrf-token", token, settings: settings, maxAge: maxAge, httpOnly: false))
        }
        return cookies
    }

    private func cookie(_ name: String, _ value: String, settings: OIDCConfiguration.Cookie, maxAge: Int, httpOnly: Bool? = nil) -> String {
        var cookie = "\(name)=\(value); Path=\(settings.path); Max-Age=\(maxAge)"
        if let domain = settings.domain { cookie += "; Domain=\(domain)" }
        if httpOnly ?? settings.httpOnly { cookie += "; HttpOnly" }
        if settings.secure { cookie += "; Secure" }
        cookie += "; SameSite=\(settings.sameSite.prefix(1).uppercased() + settings.sameSite.dropFirst())"
        return cookie
    }
}
