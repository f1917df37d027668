import Foundation
import TEETesting
import Testing

@Suite("plugin.ldap on a real tee-proxy against a real slapd", .enabled(if: LDAPServer.isAvailable, "needs slapd (Debian's slapd package)"))
struct LDAPMiddlewareTests {
    static func basic(_ user: String, _ password: String) -> [String: String] {
        ["Authorization": "Basic \(Data("\(user):\(password)".utf8).base64EncodedString())"]
    }

    @Test("bind mode and search mode: right passwords pass with the username forwarded, anything else 401; pooled connections; slapd down 503")
    func bindAndSearch() async throws {
        let app = try await TestBackend(name: "app")
        let ldap = try await LDAPServer()
        defer { Task { await app.stop() } }
        let secrets = try TemporaryDirectory.make(prefix: "ldap-secret")
        try "reader-password\n".write(toFile: "\(secrets)/bind", atomically: true, encoding: .utf8)
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                bind:
                  rule: "PathPrefix(`/bind`)"
                  service: app
                  middlewares: [bind]
                search:
                  rule: "PathPrefix(`/search`)"
                  service: app
                  middlewares: [search]
              middlewares:
                bind:
                  plugin:
                    ldap:
                      url: \(ldap.url)
                      baseDN: ou=people,dc=tee,dc=test
                      attribute: cn
                      forwardUsername: true
                      wwwAuthenticateHeader: true
                      wwwAuthenticateHeaderRealm: tee
                      cacheDuration: 0s
                      connPool:
                        size: 2
                        burst: 1
                        ttl: 60s
                search:
                  plugin:
                    ldap:
                      url: \(ldap.url)
                      baseDN: ou=people,dc=tee,dc=test
                      bindDN: cn=reader,dc=tee,dc=test
                      bindPasswordFile: \(secrets)/bind
                      searchFilter: "(&(objectClass=inetOrgPerson)(employeeType=admin)(uid=%s))"
                      forwardUsername: true
                      forwardUsernameHeader: X-User
                      forwardAuthorization: true
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(app.url)"}]
            """)
        let alice = try #require(try await proxy.get("/bind", headers: Self.basic("alice", "alice-password")))
        #expect(alice.status == 200)
        #expect(alice.field("header.username") == "alice")
        #expect(alice.field("header.authorization") == nil, "the credentials went on to the app")
        let wrong = try #require(try await proxy.get("/bind", headers: Self.basic("alice", "guess")))
        #expect(wrong.status == 401)
        #expect(wrong.header("WWW-Authenticate") == "Basic realm=\"tee\"")
        #expect(try await proxy.get("/bind", headers: Self.basic("nobody", "x"))?.status == 401)
        // An empty password would be an anonymous bind, which slapd accepts.
        #expect(try await proxy.get("/bind", headers: Self.basic("alice", ""))?.status == 401)
        // A username that tries to change the DN stays one value.
        #expect(try await proxy.get("/bind", headers: Self.basic("alice,ou=people", "alice-password"))?.status == 401)
        #expect(try await proxy.get("/bind")?.status == 401)
        for _ in 0..<5 {
            #expect(try await proxy.get("/bind", headers: Self.basic("bob", "bob-password"))?.status == 200)
        }
        #expect(ldap.connections <= 3, "connections were not pooled: \(ldap.connections)")

        let found = try #require(try await proxy.get("/search", headers: Self.basic("alice", "alice-password")))
        #expect(found.status == 200)
        #expect(found.field("header.x-user") == "alice")
        #expect(found.field("header.authorization") != nil, "forwardAuthorization did not keep the header")
        #expect(try await proxy.get("/search", headers: Self.basic("bob", "bob-password"))?.status == 401, "the filter did not apply")
        #expect(try await proxy.get("/search", headers: Self.basic("carol", "carol-password"))?.status == 401, "two entries matched")
        #expect(try await proxy.get("/search", headers: Self.basic("*", "alice-password"))?.status == 401, "a wildcard username matched")
        #expect(try await proxy.get("/search", headers: Self.basic("alice)(uid=*", "alice-password"))?.status == 401)

        await ldap.stop()
        #expect(try await proxy.get("/bind", headers: Self.basic("alice", "alice-password"))?.status == 503)
        #expect(app.received.count == 7)
    }

    @Test("cacheDuration: a user who passed is not asked about again until it ends")
    func cache() async throws {
        let app = try await TestBackend(name: "app")
        let ldap = try await LDAPServer()
        defer { Task { await app.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                long:
                  rule: "PathPrefix(`/long`)"
                  service: app
                  middlewares: [long]
                short:
                  rule: "PathPrefix(`/short`)"
                  service: app
                  middlewares: [short]
              middlewares:
                long:
                  plugin:
                    ldap:
                      url: \(ldap.url)
                      baseDN: ou=people,dc=tee,dc=test
                      cacheDuration: 60s
                short:
                  plugin:
                    ldap:
                      url: \(ldap.url)
                      baseDN: ou=people,dc=tee,dc=test
                      cacheDuration: 1s
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(app.url)"}]
            """)
        /// slapd's log arrives through a pipe: waits for `count` binds, then says how many there are.
        func binds(_ count: Int) async -> Int {
            _ = await ClusterFixture.eventually(.seconds(5)) { ldap.binds >= count }
            try? await Task.sleep(for: .milliseconds(200))
            return ldap.binds
        }
        for _ in 0..<4 {
            #expect(try await proxy.get("/long", headers: Self.basic("alice", "alice-password"))?.status == 200)
        }
        #expect(await binds(1) == 1, "the passed user was asked about again")
        #expect(try await proxy.get("/long", headers: Self.basic("alice", "other"))?.status == 401, "a cached user passed with another password")
        #expect(await binds(2) == 2)
        #expect(try await proxy.get("/short", headers: Self.basic("bob", "bob-password"))?.status == 200)
        #expect(await binds(3) == 3)
        try await Task.sleep(for: .milliseconds(1200))
        #expect(try await proxy.get("/short", headers: Self.basic("bob", "bob-password"))?.status == 200)
        #expect(await binds(4) == 4, "the cache did not end")
    }

    @Test("ldaps://: the server's certificate is checked against certificateAuthority; without it the server is not trusted (503)")
    func ldaps() async throws {
        let app = try await TestBackend(name: "app")
        let ldap = try await LDAPServer(tls: true)
        defer { Task { await app.stop() } }
        let ca = try #require(ldap.certificates).caFile
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                trusted:
                  rule: "PathPrefix(`/trusted`)"
                  service: app
                  middlewares: [trusted]
                untrusted:
                  rule: "PathPrefix(`/untrusted`)"
                  service: app
                  middlewares: [untrusted]
              middlewares:
                trusted:
                  plugin:
                    ldap:
                      url: \(ldap.url)
                      certificateAuthority: \(ca)
                      baseDN: ou=people,dc=tee,dc=test
                untrusted:
                  plugin:
                    ldap:
                      url: \(ldap.url)
                      baseDN: ou=people,dc=tee,dc=test
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(app.url)"}]
            """)
        #expect(try await proxy.get("/trusted", headers: Self.basic("alice", "alice-password"))?.status == 200, "\(ldap.process.log)")
        #expect(try await proxy.get("/trusted", headers: Self.basic("alice", "wrong"))?.status == 401)
        #expect(try await proxy.get("/untrusted", headers: Self.basic("alice", "alice-password"))?.status == 503)
        #expect(app.received.count == 1)
    }
}
