import TEEModel
import Testing

@Suite struct StaticConfigurationParserTests {
    func parse(_ yaml: String) throws -> StaticConfiguration {
        try StaticConfigurationParser().parse(yaml, file: "proxy.yaml")
    }

    func problems(_ yaml: String) -> [String] {
        do {
            _ = try self.parse(yaml)
            return []
        } catch let error as ConfigurationErrors {
            return error.errors.map(\.description)
        } catch {
            return ["unexpected: \(error)"]
        }
    }

    @Test func readsEntryPointsPingAndProviders() throws {
        let configuration = try self.parse(
            """
            entryPoints:
              traefik:
                address: ":8080"
              websecure:
                address: ":443"
              web:
                address: "0.0.0.0:80"
                transport:
                  lifeCycle:
                    graceTimeOut: 42s
            ping: {}
            providers:
              file:
                directory: /etc/tee/dynamic.d
                watch: false
            log:
              level: DEBUG
            """
        )
        #expect(configuration.entryPoints.map(\.name) == ["traefik", "web", "websecure"])
        #expect(configuration.entryPoints[1].address == ListenAddress(host: "0.0.0.0", port: 80))
        #expect(configuration.entryPoints[1].graceTimeout == .seconds(42))
        #expect(configuration.entryPoints[2].graceTimeout == .seconds(10))
        #expect(configuration.entryPoints[2].address == ListenAddress(host: nil, port: 443))
        #expect(configuration.pingEntryPoint == "traefik")
        #expect(configuration.providerDirectory == "/etc/tee/dynamic.d")
        #expect(configuration.watchProvider == false)
        #expect(configuration.logLevel == "debug")
        #expect(configuration.longestGraceTimeout == .seconds(42))
    }

    @Test func readsMetricsAndTimeouts() throws {
        let configuration = try self.parse(
            """
            entryPoints:
              web:
                address: ":80"
                transport:
                  respondingTimeouts:
                    readTimeout: 5s
                    writeTimeout: 1m
              admin:
                address: ":9100"
            metrics:
              prometheus:
                entryPoint: admin
                buckets: [1, 0.25]
                addRoutersLabels: true
                addServicesLabels: false
            """
        )
        let metrics = try #require(configuration.metrics)
        #expect(metrics.entryPoint == "admin")
        #expect(metrics.buckets == [0.25, 1])
        #expect(metrics.addEntryPointsLabels && metrics.addRoutersLabels && !metrics.addServicesLabels)
        let web = try #require(configuration.entryPoints.first { $0.name == "web" })
        #expect(web.readTimeout == .seconds(5))
        #expect(web.writeTimeout == .seconds(60))
        #expect(try self.parse("entryPoints:\n  web:\n    address: \":80\"\n").metrics == nil)
    }

    @Test func readsUDPEntryPoints() throws {
        let configuration = try self.parse("entryPoints:\n  dns:\n    address: \":53/udp\"\n    udp:\n      timeout: 10s\n  web:\n    address: \":80/tcp\"\n")
        let dns = try #require(configuration.entryPoints.first { $0.name == "dns" })
        #expect(dns.address.isUDP && dns.address.port == 53)
        #expect(dns.udpTimeout == .seconds(10))
        #expect(configuration.entryPoints.first { $0.name == "web" }?.address.isUDP == false)
    }

    @Test func readsHTTP2MaxConcurrentStreams() throws {
        let configuration = try self.parse("entryPoints:\n  web:\n    address: \":80\"\n    http2:\n      maxConcurrentStreams: 42\n")
        #expect(configuration.entryPoints.first?.maxConcurrentStreams == 42)
        #expect(try self.parse("entryPoints:\n  web:\n    address: \":80\"\n").entryPoints.first?.maxConcurrentStreams == 250)
        #expect(throws: ConfigurationErrors.self) {
            try self.parse("entryPoints:\n  web:\n    address: \":80\"\n    http2:\n      maxConcurrentStreams: 0\n")
        }
    }

    @Test func readsMaxHeaderBytes() throws {
        let configuration = try self.parse("entryPoints:\n  web:\n    address: \":80\"\n    http:\n      maxHeaderBytes: 1048576\n")
        #expect(configuration.entryPoints.first?.maxHeaderBytes == 1 << 20)
        #expect(try self.parse("entryPoints:\n  web:\n    address: \":80\"\n").entryPoints.first?.maxHeaderBytes == 80 * 1024)
    }

    @Test func keysAreCaseInsensitiveLikeTraefiks() throws {
        let configuration = try self.parse("entrypoints:\n  web:\n    Address: \":80\"\n")
        #expect(configuration.entryPoints.first?.address.port == 80)
    }

    @Test("problems are reported with file, line and key", arguments: [
        ("entryPoints:\n  web:\n    address: nope\n", "proxy.yaml:3: entryPoints.web.address: 'nope' is not an address"),
        ("entryPoints:\n  web: {}\n", "proxy.yaml:2: entryPoints.web: missing address"),
        ("entryPoints:\n  web:\n    address: \":99999\"\n", "proxy.yaml:3: entryPoints.web.address"),
        ("entrypoint:\n  web: {}\n", "proxy.yaml:1: entrypoint: unknown key"),
        ("ping:\n  entryPoint: admin\n", "proxy.yaml:1: ping: entry point 'admin' is not defined"),
        ("entryPoints:\n  web:\n    address: \":80\"\n    transport:\n      lifeCycle:\n        graceTimeOut: soon\n",
         "proxy.yaml:6: entryPoints.web.transport.lifeCycle.graceTimeOut: expected a duration"),
        ("entryPoints: [\n", "proxy.yaml:2: not valid YAML"),
        ("providers:\n  file:\n    watch: maybe\n", "proxy.yaml:3: providers.file.watch: expected true or false"),
        ("entryPoints:\n  traefik:\n    address: \":8080\"\nmetrics:\n  prometheus:\n    buckets: [0.1, soon]\n",
         "proxy.yaml:6: metrics.prometheus.buckets: 'soon' is not a positive number of seconds"),
        ("entryPoints:\n  traefik:\n    address: \":8080\"\nmetrics:\n  prometheus:\n    addRouterLabels: true\n",
         "proxy.yaml:6: metrics.prometheus.addRouterLabels: unknown key"),
        ("entryPoints:\n  web:\n    address: \":80\"\nmetrics:\n  prometheus: {}\n",
         "proxy.yaml: metrics.prometheus.entryPoint: entry point 'traefik' is not defined"),
    ])
    func reportsProblems(yaml: String, expected: String) {
        let found = self.problems(yaml)
        #expect(found.contains { $0.hasPrefix(expected) }, "\(found)")
    }

    @Test func reportsEveryProblemAtOnce() {
        let found = self.problems("entryPoints:\n  a:\n    address: x\n  b: {}\nunknown: 1\n")
        #expect(found.count == 3, "\(found)")
    }

    @Test func anEmptyFileHasNoEntryPoints() throws {
        #expect(try self.parse("").entryPoints.isEmpty)
    }
}

/// `accessLog`'s filters and fields.
@Suite struct AccessLogConfigurationTests {
    static func parse(_ yaml: String) throws -> StaticConfiguration {
        try StaticConfigurationParser().parse("entryPoints:\n  web:\n    address: \":80\"\n" + yaml, file: "static.yaml")
    }

    @Test("filters keep a request that passes any of them; none set keeps all")
    func filters() throws {
        let configuration = try Self.parse("""
            accessLog:
              filters:
                statusCodes: ["200", "400-404"]
                retryAttempts: true
                minDuration: 10ms
              bufferingSize: 100
            """)
        let accessLog = try #require(configuration.accessLog)
        #expect(accessLog.bufferingSize == 100)
        let filters = accessLog.filters
        #expect(filters.keeps(status: 404, retries: 0, duration: .zero))
        #expect(!filters.keeps(status: 500, retries: 0, duration: .milliseconds(5)))
        #expect(filters.keeps(status: 500, retries: 1, duration: .zero))
        #expect(filters.keeps(status: 500, retries: 0, duration: .milliseconds(11)))
        #expect(AccessLogFilters().keeps(status: 500, retries: 0, duration: .zero))
        #expect(AccessLogFilters(statusCodes: [200...200]).keeps(status: 201, retries: 3, duration: .seconds(9)) == false)
    }

    @Test("field and header modes; bad values name the key and line")
    func fields() throws {
        let fields = try #require(try Self.parse("""
            accessLog:
              fields:
                defaultMode: drop
                names: {RouterName: keep}
                headers:
                  defaultMode: keep
                  names: {Authorization: redact, Cookie: drop}
            """).accessLog?.fields)
        #expect(fields.mode(ofField: "RouterName") == .keep && fields.mode(ofField: "ClientHost") == .drop)
        #expect(fields.mode(ofHeader: "authorization") == .redact && fields.mode(ofHeader: "Cookie") == .drop)
        #expect(fields.mode(ofHeader: "Accept") == .keep)
        for (yaml, key) in [("accessLog:\n  filters:\n    statusCodes: [\"2xx\"]\n", "accessLog.filters.statusCodes"),
                            ("accessLog:\n  fields:\n    names: {ClientHost: redact}\n", "accessLog.fields.names.ClientHost"),
                            ("accessLog:\n  bufferingSize: -1\n", "accessLog.bufferingSize")] {
            do {
                _ = try Self.parse(yaml)
                Issue.record("\(key) accepted")
            } catch {
                #expect("\(error)".contains(key) && "\(error)".contains("static.yaml"), "\(error)")
            }
        }
    }
}
