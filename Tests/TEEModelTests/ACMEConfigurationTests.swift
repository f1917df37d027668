import TEEModel
import Testing

@Suite struct ACMEConfigurationTests {
    @Test func resolversLoadWithTraefiksKeys() throws {
        let configuration = try StaticConfigurationParser().parse("""
            [entryPoints.web]
              address = ":80"
            [certificatesResolvers.le.acme]
              email = "ops@example.com"
              caServer = "https://acme-staging-v02.api.letsencrypt.org/directory"
              storage = "/var/lib/tee/acme.json"
              keyType = "EC384"
              certificatesDuration = 24
              preferredChain = "ISRG Root X1"
              [certificatesResolvers.le.acme.eab]
                kid = "kid-1"
                hmacEncoded = "c2VjcmV0"
              [certificatesResolvers.le.acme.httpChallenge]
                entryPoint = "web"
              [certificatesResolvers.le.acme.dnsChallenge]
                provider = "rfc2136"
                resolvers = ["192.0.2.53:53"]
                delayBeforeCheck = "10s"
            """, file: "traefik.toml")
        let resolver = try #require(configuration.certificateResolvers.first)
        #expect(resolver.name == "le")
        #expect(resolver.caServer == "https://acme-staging-v02.api.letsencrypt.org/directory")
        #expect(resolver.keyType == "EC384")
        #expect(resolver.eabKeyID == "kid-1")
        #expect(resolver.preferredChain == "ISRG Root X1")
        #expect(resolver.httpChallengeEntryPoint == "web")
        #expect(resolver.dnsChallenge?.resolvers == ["192.0.2.53:53"])
        #expect(resolver.dnsChallenge?.delayBeforeChecks == .seconds(10))
        #expect(resolver.challengeKinds == [.dns01, .http01])
        // Traefik's schedule for a one-day certificate: renew 6 hours before, retry every 10 minutes.
        #expect(resolver.renewal.before == .seconds(6 * 3600))
        #expect(resolver.renewal.retryEvery == .seconds(600))
    }

    @Test func defaultsAreTraefiks() throws {
        let configuration = try StaticConfigurationParser().parse("""
            certificatesResolvers:
              le:
                acme:
                  tlsChallenge: {}
            """, file: "s.yaml")
        let resolver = try #require(configuration.certificateResolvers.first)
        #expect(resolver.caServer == "https://acme-v02.api.letsencrypt.org/directory")
        #expect(resolver.storage == "acme.json")
        #expect(resolver.keyType == "RSA4096")
        #expect(resolver.renewal.before == .seconds(30 * 24 * 3600))
    }

    @Test func badResolversNameTheirKey() {
        #expect {
            try StaticConfigurationParser().parse("""
                certificatesResolvers:
                  le:
                    acme:
                      caServer: acme.example.com
                      eab: {kid: k}
                      tlsChallenge: {}
                """, file: "s.yaml")
        } throws: { error in
            let text = "\(error)"
            return text.contains("s.yaml:4: certificatesResolvers.le.acme.caServer: 'acme.example.com' is not a URL")
                && text.contains("s.yaml:5: certificatesResolvers.le.acme.eab: external account binding needs both kid and hmacEncoded")
        }
    }

    @Test func routersAskForTheirCertificates() throws {
        let configuration = try DynamicConfigurationParser().parse("""
            http:
              routers:
                a:
                  rule: Host(`a.test`) || (Host(`B.test`) && PathPrefix(`/x`))
                  service: s
                  tls: {certResolver: le}
                z:
                  rule: Host(`b.test`) || Host(`a.test`)
                  service: s
                  tls: {certResolver: le}
                d:
                  rule: PathPrefix(`/`)
                  service: s
                  tls:
                    certResolver: le
                    domains: [{main: example.test, sans: ["*.example.test"]}]
                nohost:
                  rule: PathPrefix(`/`)
                  service: s
                  tls: {certResolver: le}
                other:
                  rule: Host(`c.test`)
                  service: s
                  tls: {certResolver: missing}
            tcp:
              routers:
                t:
                  rule: HostSNI(`db.test`)
                  service: s
                  tls: {certResolver: le}
                pass:
                  rule: HostSNI(`p.test`)
                  service: s
                  tls: {certResolver: le, passthrough: true}
            """, file: "d.yaml")
        let (demands, problems) = ACMECertificateDemand.demands(in: configuration, resolvers: ["le"])
        #expect(demands.map(\.domain) == [
            CertificateDomain(main: "a.test", sans: ["b.test"]),
            CertificateDomain(main: "db.test"),
            CertificateDomain(main: "example.test", sans: ["*.example.test"]),
        ])
        #expect(demands.first?.routers == ["a@file", "z@file"])
        #expect(problems.count == 2)
        #expect(problems.contains { $0.contains("router nohost@file: certResolver 'le' has no names to ask for") })
        #expect(problems.contains { $0.contains("router other@file: certResolver 'missing' is not defined") })
    }
}
