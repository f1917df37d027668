import TEEModel
import Testing

@Suite struct ConfigurationKeySchemaTests {
    static let schema = ConfigurationKeySchema(outline: """
        entryPoints
          *
            address
            http3 -
              advertisedPort
        global ~ no calls home
          checkNewVersion
        tracing -
          serviceName
          otlp
            grpc
              endpoint
          special +
        plugin
          **
        domains[]
          main
        """)

    func check(_ yaml: String) throws -> (errors: [String], warnings: [String]) {
        var errors: [ConfigurationError] = []
        var warnings: [ConfigurationError] = []
        Self.schema.validate(try ConfigNode.parse(yaml, file: "t.yaml"), errors: &errors, warnings: &warnings)
        return (errors.map(\.description), warnings.map(\.description))
    }

    @Test func supportedKeysLoadQuietly() throws {
        let result = try self.check("entryPoints:\n  web:\n    address: ':80'\nplugin:\n  anything:\n    goes: [1, 2]\n")
        #expect(result.errors.isEmpty && result.warnings.isEmpty)
    }

    @Test("one warning for a warned key, none for what is under it") func oneWarningPerKey() throws {
        let result = try self.check("tracing:\n  serviceName: x\n  otlp:\n    grpc:\n      endpoint: a:4317\n")
        #expect(result.errors.isEmpty)
        #expect(result.warnings == ["t.yaml:1: tracing: not supported by tee yet; the key and everything under it are ignored"])
    }

    @Test func warningsNameTheEntryPoint() throws {
        let result = try self.check("entryPoints:\n  web:\n    address: ':80'\n    http3:\n      advertisedPort: 443\n")
        #expect(result.warnings == ["t.yaml:4: entryPoints.web.http3: not supported by tee yet; the key and everything under it are ignored"])
    }

    @Test func noEffectSaysWhy() throws {
        let result = try self.check("global:\n  checkNewVersion: true\n")
        #expect(result.warnings == ["t.yaml:1: global: has no effect in tee (no calls home); ignored"])
    }

    @Test("unknown keys are errors naming the keys allowed, even under a warned key") func unknownKeys() throws {
        let result = try self.check("tracing:\n  servceName: x\nentrypoints:\n  web:\n    adress: ':80'\n")
        #expect(result.errors == [
            "t.yaml:2: tracing.servceName: unknown key; expected one of: serviceName, otlp, special",
            "t.yaml:5: entrypoints.web.adress: unknown key; expected one of: address, http3",
        ])
    }

    @Test func listsOfMappingsAreChecked() throws {
        let result = try self.check("domains:\n  - main: a.com\n  - mian: b.com\n")
        #expect(result.errors == ["t.yaml:3: domains[1].mian: unknown key; expected one of: main"])
    }

    @Test func flattenedPathsForTheTable() {
        let keys = Self.schema.flattened().map(\.key)
        #expect(keys.contains("entryPoints.<name>.http3.advertisedPort"))
        #expect(keys.contains("plugin.…"))
        #expect(keys.contains("domains[].main"))
        #expect(Self.schema.flattened().first { $0.key == "tracing.special" }?.status == .supported)
        #expect(Self.schema.flattened().first { $0.key == "tracing.otlp" }?.status == .notYet)
    }

    @Test("Traefik's own reference keys are all known", arguments: [
        "certificatesResolvers:\n  le:\n    acme:\n      email: a@b.c\n      dnsChallenge:\n        provider: rfc2136\n        propagation:\n          delayBeforeChecks: 2s\n          requireAllRNS: true\n      tlsChallenge: {}\n",
        "providers:\n  docker:\n    exposedByDefault: false\n  redis:\n    endpoints: [127.0.0.1:6379]\n    sentinel:\n      masterName: m\n  http:\n    endpoint: http://x\n    headers:\n      X-A: b\n  consul: {}\n",
        "experimental:\n  plugins:\n    demo:\n      moduleName: github.com/traefik/plugindemo\n      version: v0.2.1\n",
        "hub:\n  tls:\n    insecure: true\npilot:\n  token: x\n",
    ])
    func traefikKeysAreKnown(yaml: String) throws {
        var errors: [ConfigurationError] = []
        var warnings: [ConfigurationError] = []
        TraefikStaticKeys.schema.validate(try ConfigNode.parse(yaml, file: "t.yaml"), errors: &errors, warnings: &warnings)
        #expect(errors.isEmpty, "\(errors)")
        #expect(!warnings.isEmpty)
    }

    @Test("a dynamic key tee accepts without acting on it is warned about; the object still loads") func dynamicWarnings() throws {
        let configuration = try DynamicConfigurationParser().parse("""
            http:
              routers:
                r:
                  rule: "Host(`a.test`)"
                  service: s
              services:
                s:
                  loadBalancer:
                    servers:
                      - url: "http://10.0.0.1:80"
                        preservePath: true
            """, file: "d.yaml")
        #expect(configuration.routers["r@file"] != nil)
        #expect(configuration.warnings.map(\.description) == [
            "d.yaml:11: http.services.s.loadBalancer.servers[0].preservePath: not supported by tee yet; the key and everything under it are ignored",
        ])
    }
}
