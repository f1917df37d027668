import TEEModel
import Testing

/// `tracing` and the entry points' `observability` keys.
@Suite struct TracingConfigurationTests {
    static func parse(_ yaml: String, entryPoint: String = "") throws -> StaticConfiguration {
        try StaticConfigurationParser().parse("entryPoints:\n  web:\n    address: \":80\"\n\(entryPoint)" + yaml, file: "static.yaml")
    }

    @Test("`tracing: {}` sends to Traefik's default OTLP/HTTP endpoint; every key is read")
    func keys() throws {
        let defaults = try #require(try Self.parse("tracing: {}\n").tracing)
        #expect(defaults == TracingConfiguration())
        #expect(defaults.exporter.url == "http://localhost:4318/v1/traces" && defaults.sampleRate == 1 && defaults.serviceName == "tee")
        let configuration = try Self.parse("""
            tracing:
              serviceName: edge
              sampleRate: 0.25
              globalAttributes: {team: web}
              resourceAttributes: {region: eu}
              capturedRequestHeaders: [X-Request-Id]
              capturedResponseHeaders: [Server]
              safeQueryParams: [page]
              addInternals: true
              otlp:
                grpc:
                  endpoint: collector:4317
                  headers: {Authorization: "Bearer k"}
                  tls: {ca: /etc/ssl/collector.pem}
            """, entryPoint: "    observability: {traceVerbosity: detailed, tracing: true}\n")
        let tracing = try #require(configuration.tracing)
        #expect(tracing.serviceName == "edge" && tracing.sampleRate == 0.25 && tracing.addInternals)
        #expect(tracing.resourceAttributes == ["team": "web", "region": "eu"])
        #expect(tracing.capturedRequestHeaders == ["X-Request-Id"] && tracing.capturedResponseHeaders == ["Server"])
        #expect(tracing.safeQueryParams == ["page"])
        #expect(tracing.exporter.transport == .grpc && tracing.exporter.url == "https://collector:4317")
        #expect(tracing.exporter.headers == ["Authorization": "Bearer k"] && tracing.exporter.tls?.ca == "/etc/ssl/collector.pem")
        #expect(configuration.entryPoints[0].detailedTracing && configuration.entryPoints[0].tracing)
        let insecure = try #require(try Self.parse("tracing:\n  otlp:\n    grpc: {endpoint: \"c:4317\", insecure: true}\n").tracing)
        #expect(insecure.exporter.url == "http://c:4317")
        #expect(try Self.parse("", entryPoint: "    observability: {tracing: false}\n").entryPoints[0].tracing == false)
    }

    @Test("mistakes name the key and line and say what to do", arguments: [
        ("tracing:\n  sampleRate: 1.5\n", "tracing.sampleRate", "from 0 (none) to 1"),
        ("tracing:\n  sampleRate: often\n", "tracing.sampleRate", "not a sample rate"),
        ("tracing:\n  otlp:\n    http: {endpoint: \"collector:4318\"}\n", "tracing.otlp.http.endpoint", "not a URL"),
        ("tracing:\n  otlp:\n    http: {}\n    grpc: {}\n", "tracing.otlp", "not both"),
        ("tracing:\n  otlp:\n    grpc:\n      tls: {insecureSkipVerify: true}\n", "insecureSkipVerify", "give its CA"),
        ("tracing:\n  otlp:\n    grpc:\n      tls: {cert: /c.pem}\n", "tracing.otlp.grpc.tls", "cert and key go together"),
        ("tracing:\n  serviceName: \"\"\n", "tracing.serviceName", "empty"),
    ])
    func mistakes(yaml: String, key: String, advice: String) {
        do {
            _ = try Self.parse(yaml)
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect("\(error)".contains(key) && "\(error)".contains("static.yaml") && "\(error)".contains(advice), "\(error)")
        }
    }

    @Test("an entry point's unknown trace verbosity is an error")
    func verbosity() {
        #expect(throws: ConfigurationErrors.self) {
            try Self.parse("", entryPoint: "    observability: {traceVerbosity: chatty}\n")
        }
    }

    @Test("metrics.otlp: Traefik's keys and defaults; mistakes name the key")
    func otlpMetrics() throws {
        let defaults = try #require(try Self.parse("metrics:\n  otlp: {}\n").otlpMetrics)
        #expect(defaults.exporter.url == "http://localhost:4318/v1/metrics" && defaults.pushInterval == .seconds(10))
        #expect(defaults.addEntryPointsLabels && !defaults.addRoutersLabels && defaults.addServicesLabels)
        let metrics = try #require(try Self.parse("""
            metrics:
              otlp:
                addRoutersLabels: true
                explicitBoundaries: [1, 0.5]
                pushInterval: 5s
                serviceName: edge
                grpc: {endpoint: "collector:4317", insecure: true}
            """).otlpMetrics)
        #expect(metrics.addRoutersLabels && metrics.explicitBoundaries == [0.5, 1] && metrics.pushInterval == .seconds(5))
        #expect(metrics.serviceName == "edge" && metrics.exporter.url == "http://collector:4317" && metrics.exporter.transport == .grpc)
        for (yaml, key) in [("metrics:\n  otlp:\n    explicitBoundaries: [-1]\n", "metrics.otlp.explicitBoundaries"),
                            ("metrics:\n  otlp:\n    pushInterval: 0s\n", "metrics.otlp.pushInterval"),
                            ("metrics:\n  otlp:\n    http: {endpoint: \"collector\"}\n", "metrics.otlp.http.endpoint")] {
            do {
                _ = try Self.parse(yaml)
                Issue.record("accepted: \(yaml)")
            } catch {
                #expect("\(error)".contains(key), "\(error)")
            }
        }
    }

    @Test("a router's observability is read; a bad value is an error naming the key")
    func routerObservability() throws {
        let configuration = try DynamicConfigurationParser().parse("""
            http:
              routers:
                r:
                  rule: "Host(`a.test`)"
                  service: s
                  observability: {accessLogs: false, metrics: true, traceVerbosity: detailed}
              services:
                s: {loadBalancer: {servers: [{url: "http://10.0.0.1:80"}]}}
            """, file: "d.yaml")
        #expect(configuration.routers["r@file"]?.observability == RouterObservability(accessLogs: false, metrics: true, detailedTracing: true))
        #expect(configuration.warnings.isEmpty, "\(configuration.warnings)")
        let bad = try DynamicConfigurationParser().parse("""
            http:
              routers:
                r: {rule: "Host(`a.test`)", service: s, observability: {traceVerbosity: loud}}
              services:
                s: {loadBalancer: {servers: [{url: "http://10.0.0.1:80"}]}}
            """, file: "d.yaml")
        #expect(bad.routers["r@file"] == nil)
        #expect(bad.problems.contains { "\($0)".contains("traceVerbosity") && "\($0)".contains("minimal or detailed") }, "\(bad.problems)")
    }

    @Test("accessLog.otlp and log.otlp: defaults, transports, mistakes with the key")
    func otlpLogs() throws {
        let configuration = try Self.parse("""
            log:
              otlp: {serviceName: edge, grpc: {endpoint: "c:4317", insecure: true}}
            accessLog:
              otlp: {}
            """)
        #expect(configuration.logOTLP?.serviceName == "edge" && configuration.logOTLP?.exporter.url == "http://c:4317")
        #expect(configuration.accessLog?.otlp?.exporter.url == "http://localhost:4318/v1/logs")
        do {
            _ = try Self.parse("log:\n  otlp:\n    http: {endpoint: \"c:4318\"}\n")
            Issue.record("accepted an endpoint that is not a URL")
        } catch {
            #expect("\(error)".contains("log.otlp.http.endpoint"), "\(error)")
        }
    }
}
