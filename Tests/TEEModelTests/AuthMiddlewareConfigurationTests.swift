import TEEModel
import Testing

@Suite struct AuthMiddlewareConfigurationTests {
    static let claims: ClaimValue = .object([
        "active": .bool(true), "grp": .string("admin"), "scope": .string("reader writer deploy"),
        "referrer": .string("http://example.com/foo/bar"), "areas": .array([.string("office"), .string("home")]),
        "user": .object(["name": .string("John Snow")]), "dotted.key": .number("7"), "level": .number("3"),
    ])

    @Test("Traefik Hub's claims functions and operators", arguments: [
        ("Equals(`grp`, `admin`)", true), ("Equals(`grp`, `Admin`)", false),
        ("Prefix(`referrer`, `http://example.com`)", true), ("Contains(`referrer`, `/foo/`)", true),
        ("Contains(`areas`, `home`)", true), ("Contains(`areas`, `lab`)", false),
        ("SplitContains(`scope`, ` `, `writer`)", true), ("SplitContains(`scope`, ` `, `write`)", false),
        ("OneOf(`areas`, `office`, `lab`)", true), ("OneOf(`areas`, `lab`, `garage`)", false), ("OneOf(`grp`, `x`, `admin`)", true),
        ("Equals(`grp`, `admin`) && Equals(`active`, `true`)", true), ("Equals(`grp`, `x`) || Equals(`active`, `true`)", true),
        ("!Equals(`grp`, `testers`)", true), ("!(Equals(`grp`, `admin`) || Equals(`grp`, `x`)) && Equals(`level`, `3`)", false),
        ("Equals(`user.name`, `John Snow`)", true), ("Equals(`dotted\\.key`, `7`)", true), ("Equals(`missing`, ``)", false),
        ("Equals(\"grp\", \"admin\")", true),
    ])
    func evaluates(text: String, expected: Bool) throws {
        #expect(try ClaimsExpression.parse(text).matches(Self.claims) == expected, "\(text)")
    }

    @Test("bad claims expressions say what and where", arguments: [
        ("Equals(`grp`", "expected ) after the arguments of Equals"),
        ("Equal(`grp`, `x`)", "unknown function 'Equal'"),
        ("Equals(`grp`)", "Equals takes two arguments"),
        ("SplitContains(`a`, `b`)", "SplitContains takes three arguments"),
        ("Equals(`a`, `b`) &&", "expected Equals, Prefix"),
        ("Equals(`a`, b)", "expected a string in backquotes at character 13"),
    ])
    func errors(text: String, message: String) {
        #expect { try ClaimsExpression.parse(text) } throws: { error in "\(error)".contains(message) }
    }

    func problem(_ plugin: String) throws -> String {
        let configuration = try DynamicConfigurationParser().parse("http:\n  middlewares:\n    m:\n      plugin:\n\(plugin)", file: "d.yaml")
        return try #require(configuration.problems.first).description
    }

    @Test("each plugin middleware's bad configuration names the file, line and key", arguments: [
        ("        jwt: {}\n", "d.yaml:5: http.middlewares.m.plugin.jwt: set one of signingSecret, publicKey, jwksFile or jwksUrl"),
        ("        jwt:\n          signingSecret: a\n          publicKey: b\n", "set only one of"),
        ("        jwt:\n          jwksUrl: ftp://x\n", "d.yaml:6: http.middlewares.m.plugin.jwt.jwksUrl: 'ftp://x' is not an http:// or https:// URL"),
        ("        jwt:\n          signingSecretFile: /nonexistent/secret\n", "signingSecretFile: cannot read '/nonexistent/secret'"),
        ("        jwt:\n          signingSecret: a\n          signingSecretFile: /x\n", "give signingSecret or signingSecretFile, not both"),
        ("        jwt:\n          signingSecret: a\n          claims: \"Nope(`a`, `b`)\"\n", "claims: unknown function 'Nope'"),
        ("        jwt:\n          signingSecret: a\n          clientConfig:\n            tls:\n              ca: \"-----BEGIN CERTIFICATE-----\"\n",
         "give the path of a PEM file"),
        ("        apiKey:\n          secretValues: [x]\n", "missing keySource"),
        ("        apiKey:\n          keySource: {}\n          secretValues: [x]\n", "set at least one of keySource.header"),
        ("        apiKey:\n          keySource: {header: X}\n", "secretValues is empty"),
        ("        hmac: {}\n", "missing keys"),
        ("        hmac:\n          keys: [{id: a}]\n", "key a needs key or keyFile"),
        ("        oAuthIntrospection:\n          tokenSource: {header: Authorization}\n", "missing clientConfig.url"),
        ("        oAuthClientCredentials:\n          url: http://idp/token\n          clientID: x\n", "clientID and clientSecret go together"),
        ("        oAuthClientCredentials:\n          url: http://idp/token\n          store: {redis: {endpoints: [r:6379]}}\n",
         "a shared token store is not supported"),
        ("        opa: {}\n", "plugin 'opa' is not built into tee"),
    ])
    func configurationErrors(plugin: String, message: String) throws {
        let description = try self.problem(plugin)
        #expect(description.contains(message), "\(description)")
    }

    @Test("secrets are REDACTED in the settings the API shows")
    func redaction() throws {
        let configuration = try DynamicConfigurationParser().parse("""
            http:
              middlewares:
                m:
                  plugin:
                    hmac:
                      keys: [{id: one, key: s3cr3t-value}]
                o:
                  plugin:
                    oAuthClientCredentials:
                      url: http://idp/token
                      clientID: app
                      clientSecret: another-s3cr3t
            """, file: "d.yaml")
        let shown = (configuration.middlewareSettings["m@file"] ?? "") + (configuration.middlewareSettings["o@file"] ?? "")
        #expect(!shown.contains("s3cr3t"), "\(shown)")
        #expect(shown.contains("\"id\":\"one\""))
        #expect(shown.contains("\"clientID\":\"app\""))
    }
}
