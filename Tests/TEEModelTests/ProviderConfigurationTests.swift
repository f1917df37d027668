import Foundation
import TEEModel
import Testing

@Suite struct ProviderConfigurationTests {
    func parse(_ flat: [String: String], provider: String = "docker") throws -> DynamicConfiguration {
        try ConfigurationDocument(provider: provider, name: "test", flat: FlatConfiguration(flat)).parse()
    }

    @Test func flatKeysBecomeObjectsWithListsFromIndexesAndCommas() throws {
        let configuration = try self.parse([
            "http.routers.web.rule": "Host(`a.test`)",
            "http.routers.web.entrypoints": "web,websecure",
            "http.routers.web.middlewares": "strip",
            "http.routers.web.service": "web",
            "http.routers.web.tls": "true",
            "http.services.web.loadbalancer.servers.0.url": "http://10.0.0.2:80",
            "http.services.web.loadbalancer.servers[1].url": "http://10.0.0.3:80",
            "http.middlewares.strip.stripprefix.prefixes": "/a,/b",
        ], provider: "redis")
        #expect(configuration.problems.map(\.error.description) == [])
        let router = try #require(configuration.routers["web@redis"])
        #expect(router.entryPoints == ["web", "websecure"])
        #expect(router.middlewares == ["strip@redis"])
        #expect(router.service == "web@redis")
        #expect(router.tls != nil)
        guard case .loadBalancer(let balancer) = configuration.services["web@redis"] else { Issue.record("no load balancer"); return }
        #expect(balancer.servers.map(\.url) == ["http://10.0.0.2:80", "http://10.0.0.3:80"])
        #expect(configuration.middlewares["strip@redis"] == .stripPrefix(prefixes: ["/a", "/b"]))
        #expect(configuration.problems.isEmpty)
    }

    @Test func storeKeysUnderTheRootBecomeFlatKeys() {
        let flat = FlatConfiguration.fromStore(["traefik/http/routers/r/rule": "Path(`/`)", "other/x": "1", "traefik": ""], root: "traefik")
        #expect(flat.values == ["http.routers.r.rule": "Path(`/`)"])
        let rooted = FlatConfiguration.fromStore(["/traefik/http/routers/r/rule": "Path(`/`)"], root: "traefik")
        #expect(rooted.values == ["http.routers.r.rule": "Path(`/`)"])
    }

    @Test func gapsInListIndexesAreErrorsNamingTheKey() {
        #expect(throws: ConfigurationError.self) {
            _ = try self.parse(["http.services.s.loadbalancer.servers.1.url": "http://a"])
        }
        do {
            _ = try self.parse(["http.services.s.loadbalancer.servers.1.url": "http://a"])
        } catch {
            #expect("\(error)".contains("http.services.s.loadbalancer.servers"))
        }
    }

    @Test func dockerContainerGetsDefaultServiceAndRouter() throws {
        let builder = DockerLabelBuilder(settings: DockerProviderConfiguration())
        let container = DockerContainer(id: "1", name: "/my_app", labels: ["traefik.http.routers.my.entrypoints": "web"],
                                        networks: ["bridge": "10.88.0.5"], ports: [.init(privatePort: 8080), .init(privatePort: 443)])
        let flat = try #require(try builder.configuration(of: container))
        let configuration = try ConfigurationDocument(provider: "docker", name: "c", flat: flat).parse()
        let router = try #require(configuration.routers["my@docker"])
        #expect(router.rule == "Host(`my-app`)")
        #expect(router.service == "my-app@docker")
        guard case .loadBalancer(let balancer) = configuration.services["my-app@docker"] else { Issue.record("no service"); return }
        #expect(balancer.servers.map(\.url) == ["http://10.88.0.5:443"])
    }

    @Test func dockerServerLabelsChoosePortSchemeAndNetwork() throws {
        var settings = DockerProviderConfiguration()
        settings.network = "front"
        let builder = DockerLabelBuilder(settings: settings)
        let container = DockerContainer(id: "1", name: "api", labels: [
            "traefik.http.services.api.loadbalancer.server.port": "9000",
            "traefik.http.services.api.loadbalancer.server.scheme": "h2c",
            "traefik.http.routers.api.rule": "PathPrefix(`/api`)",
        ], networks: ["back": "10.1.0.2", "front": "10.2.0.2"])
        let flat = try #require(try builder.configuration(of: container))
        #expect(flat.values["http.services.api.loadBalancer.servers.0.url"] == "h2c://10.2.0.2:9000")
        #expect(flat.values["http.routers.api.rule"] == "PathPrefix(`/api`)")
        #expect(flat.values.keys.allSatisfy { !$0.lowercased().contains("server.port") })
    }

    @Test func dockerLeavesOutDisabledStoppedUnhealthyAndConstrainedContainers() throws {
        var settings = DockerProviderConfiguration()
        settings.exposedByDefault = false
        settings.constraints = try LabelConstraints("Label(`team`, `web`) && !LabelRegex(`env`, `dev.*`)")
        let builder = DockerLabelBuilder(settings: settings)
        let base = DockerContainer(id: "1", name: "a", labels: ["traefik.enable": "true", "team": "web"], networks: ["n": "10.0.0.1"],
                                   ports: [.init(privatePort: 80)])
        #expect(try builder.configuration(of: base) != nil)
        var other = base
        other.labels["traefik.enable"] = nil
        #expect(builder.exclusion(of: other)?.contains("exposedByDefault") == true)
        other = base
        other.labels["env"] = "dev1"
        #expect(builder.exclusion(of: other)?.contains("constraints") == true)
        other = base
        other.running = false
        #expect(builder.exclusion(of: other) == "it is not running")
        other = base
        other.health = "unhealthy"
        #expect(builder.exclusion(of: other) == "its health is unhealthy")
    }

    @Test func dockerTCPLabelsMakeNoHTTPObjects() throws {
        let builder = DockerLabelBuilder(settings: DockerProviderConfiguration())
        let container = DockerContainer(id: "1", name: "db", labels: [
            "traefik.tcp.routers.db.rule": "HostSNI(`*`)",
            "traefik.tcp.services.db.loadbalancer.server.port": "5432",
        ], networks: ["n": "10.0.0.9"])
        let flat = try #require(try builder.configuration(of: container))
        #expect(flat.values["tcp.services.db.loadBalancer.servers.0.address"] == "10.0.0.9:5432")
        #expect(flat.values["tcp.routers.db.service"] == "db")
        #expect(!flat.values.keys.contains { $0.hasPrefix("http.") })
    }

    @Test func dockerRouterWithoutServiceAmongSeveralIsAnError() {
        let builder = DockerLabelBuilder(settings: DockerProviderConfiguration())
        let container = DockerContainer(id: "1", name: "two", labels: [
            "traefik.http.routers.r.rule": "Path(`/`)",
            "traefik.http.services.a.loadbalancer.server.port": "1",
            "traefik.http.services.b.loadbalancer.server.port": "2",
        ], networks: ["n": "10.0.0.9"])
        #expect(throws: ConfigurationError.self) { _ = try builder.configuration(of: container) }
    }

    @Test func scaledContainersShareOneServiceWithEveryServer() throws {
        let builder = DockerLabelBuilder(settings: DockerProviderConfiguration())
        var combiner = FlatConfigurationCombiner()
        for index in 1...3 {
            let container = DockerContainer(id: "\(index)", name: "web-\(index)", labels: [
                "traefik.http.routers.web.rule": "Host(`web.test`)",
                "traefik.http.services.web.loadbalancer.server.port": "80",
            ], networks: ["n": "10.0.0.\(index)"])
            combiner.add(try #require(try builder.configuration(of: container)), from: container.name)
        }
        #expect(combiner.problems.isEmpty)
        let configuration = try ConfigurationDocument(provider: "docker", name: "containers", flat: combiner.combined).parse()
        guard case .loadBalancer(let balancer) = configuration.services["web@docker"] else { Issue.record("no service"); return }
        #expect(Set(balancer.servers.map(\.url)) == ["http://10.0.0.1:80", "http://10.0.0.2:80", "http://10.0.0.3:80"])

        var conflicting = combiner
        conflicting.add(FlatConfiguration(["http.routers.web.rule": "Host(`other.test`)", "http.routers.web.service": "web"]), from: "odd")
        #expect(conflicting.problems.count == 1)
        #expect(conflicting.combined.values["http.routers.web.rule"] == "Host(`web.test`)")
    }

    @Test func defaultRuleTemplates() throws {
        #expect(DefaultRuleTemplate.docker.render(name: "my_app.v2", labels: [:]) == "Host(`my-app-v2`)")
        let node = try ConfigNode.parse("defaultRule: 'Host(`{{ index .Labels \"domain\" }}`)'", file: "s.yaml").child("defaultRule")!
        _ = node
        let configuration = try StaticConfigurationParser().parse("""
            providers:
              docker:
                defaultRule: 'Host(`{{ index .Labels "domain" }}`) && PathPrefix(`/{{ normalize .Name }}`)'
                exposedByDefault: false
            """, file: "static.yaml")
        let docker = try #require(configuration.providers.docker)
        #expect(docker.defaultRule.render(name: "a b", labels: ["domain": "x.test"]) == "Host(`x.test`) && PathPrefix(`/a-b`)")
        #expect(!docker.exposedByDefault)
        #expect(throws: ConfigurationErrors.self) {
            _ = try StaticConfigurationParser().parse("providers:\n  docker:\n    defaultRule: 'Host(`{{ .Foo }}`)'\n", file: "static.yaml")
        }
    }

    @Test func staticProvidersParseWithDefaultsAndErrorsNameTheKey() throws {
        let configuration = try StaticConfigurationParser().parse("""
            providers:
              providersThrottleDuration: 1s
              redis:
                endpoints: ["127.0.0.1:6380"]
                db: 2
              etcd: {}
              zooKeeper:
                rootKey: /edge/
              http:
                endpoint: http://127.0.0.1:9000/config
                pollInterval: 2s
                headers:
                  Authorization: Bearer x
            """, file: "static.yaml")
        #expect(configuration.providers.redis?.endpoints == ["127.0.0.1:6380"])
        #expect(configuration.providers.redis?.database == 2)
        #expect(configuration.providers.etcd?.endpoints == ["127.0.0.1:2379"])
        #expect(configuration.providers.zookeeper?.rootKey == "edge")
        #expect(configuration.providers.http?.pollInterval == .seconds(2))
        #expect(configuration.providers.http?.headers == ["Authorization": "Bearer x"])
        #expect(configuration.providers.throttleDuration == .seconds(1))
        do {
            _ = try StaticConfigurationParser().parse("providers:\n  http:\n    pollInterval: 2s\n", file: "static.yaml")
            Issue.record("accepted an HTTP provider without an endpoint")
        } catch {
            #expect("\(error)".contains("static.yaml:2: providers.http: missing endpoint"))
        }
    }
}
