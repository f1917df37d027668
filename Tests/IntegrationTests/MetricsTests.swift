import Foundation
import TEETesting
import Testing

@Suite("Prometheus metrics of a real tee-proxy")
struct MetricsTests {
    /// The value of the sample `name` whose labels include every pair of `labels`.
    static func sample(_ name: String, _ labels: [String: String], in exposition: String) -> Double? {
        for line in exposition.split(separator: "\n") where line.hasPrefix(name + "{") || line.hasPrefix(name + " ") {
            let matches = labels.allSatisfy { key, value in line.contains("\(key)=\"\(value)\"") }
            if matches, let value = line.split(separator: " ").last.flatMap({ Double($0) }) { return value }
        }
        return nil
    }

    @Test("requests by entry point, router and service; reloads; open connections")
    func metrics() async throws {
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let metricsPort = try FreePort.next()
        let dynamic = """
            http:
              routers:
                app:
                  rule: "Host(`app.test`)"
                  service: app
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
            """
        let proxy = try await ProxyFixture(dynamic: dynamic, entryPointExtra: """
              traefik:
                address: "127.0.0.1:\(metricsPort)"
            """, staticExtra: """
            metrics:
              prometheus:
                addRoutersLabels: true
                buckets: [0.5, 2]
            """)
        let connection = try proxy.connect()
        #expect(try await connection.get("/one", host: "app.test")?.status == 200)
        #expect(try await connection.get("/two", host: "app.test")?.status == 200)
        #expect(try await proxy.get("/missing", host: "nothing.test")?.status == 404)
        try await proxy.rewrite(dynamic + "\n# touched\n", expectGeneration: 2)

        let response = try #require(try await TestConnection(port: metricsPort).get("/metrics"))
        #expect(response.status == 200)
        #expect(response.header("Content-Type")?.hasPrefix("text/plain; version=0.0.4") == true)
        let text = response.body
        let ok = ["code": "200", "method": "GET", "protocol": "http"]
        #expect(Self.sample("tee_entrypoint_requests_total", ok.merging(["entrypoint": "web"]) { $1 }, in: text) == 2, "\(text)")
        #expect(Self.sample("tee_entrypoint_requests_total", ["code": "404", "entrypoint": "web"], in: text) == 1)
        #expect(Self.sample("tee_router_requests_total", ok.merging(["router": "app@file", "service": "app@file"]) { $1 }, in: text) == 2)
        #expect(Self.sample("tee_service_requests_total", ok.merging(["service": "app@file"]) { $1 }, in: text) == 2)
        #expect(Self.sample("tee_service_request_duration_seconds_bucket", ["service": "app@file", "le": "0.5"], in: text) == 2)
        #expect(Self.sample("tee_service_request_duration_seconds_count", ["service": "app@file"], in: text) == 2)
        #expect(Self.sample("tee_entrypoint_responses_bytes_total", ok.merging(["entrypoint": "web"]) { $1 }, in: text).map { $0 > 0 } == true)
        // The 404 matched no router, so it counts for the entry point only.
        #expect(Self.sample("tee_router_requests_total", ["code": "404"], in: text) == nil)
        // The first load and the rewrite.
        #expect(Self.sample("tee_config_reloads_total", [:], in: text) == 2)
        #expect(Self.sample("tee_config_last_reload_success", [:], in: text).map { $0 > 1_700_000_000 } == true)
        // The keep-alive connection above is still open, as is the one asking for /metrics.
        #expect(Self.sample("tee_open_connections", ["entrypoint": "web", "protocol": "TCP"], in: text) == 1)
        #expect(Self.sample("tee_open_connections", ["entrypoint": "traefik"], in: text) == 1)
        // /metrics is only on its own entry point.
        #expect(try await proxy.get("/metrics")?.status == 404)
    }

    @Test("a rejected reload is counted as a failure")
    func failedReload() async throws {
        let metricsPort = try FreePort.next()
        let proxy = try await ProxyFixture(dynamic: "http: {}\n", entryPointExtra: """
              traefik:
                address: "127.0.0.1:\(metricsPort)"
            """, staticExtra: "metrics:\n  prometheus: {}\n")
        try "http: [\n".write(toFile: proxy.dynamicPath, atomically: true, encoding: .utf8)
        #expect(await proxy.process.waitForLog("previous one kept"))
        let text = try #require(try await TestConnection(port: metricsPort).get("/metrics")).body
        #expect(Self.sample("tee_config_reloads_total", [:], in: text) == 2, "\(text)")
        #expect(Self.sample("tee_config_reloads_failure_total", [:], in: text) == 1)
    }

    /// Every metric Traefik v3 exports for Prometheus, with `tee` for `traefik`.
    static let traefikNames = [
        "config_reloads_total", "config_last_reload_success", "open_connections", "tls_certs_not_after",
        "entrypoint_requests_total", "entrypoint_requests_tls_total", "entrypoint_request_duration_seconds",
        "entrypoint_requests_bytes_total", "entrypoint_responses_bytes_total",
        "router_requests_total", "router_requests_tls_total", "router_request_duration_seconds",
        "router_requests_bytes_total", "router_responses_bytes_total",
        "service_requests_total", "service_requests_tls_total", "service_request_duration_seconds",
        "service_requests_bytes_total", "service_responses_bytes_total", "service_retries_total", "service_server_up",
    ]

    @Test("every Traefik metric name, with TLS requests by version and cipher and certificates by expiry")
    func everyTraefikMetric() async throws {
        let pki = try await TestCertificates()
        let (certFile, keyFile) = try await pki.issue("app", names: ["app.test", "www.app.test"])
        let backend = try await TestBackend(name: "b")
        defer { Task { await backend.stop() } }
        let metricsPort = try FreePort.next(), securePort = try FreePort.next()
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                app:
                  rule: "Host(`app.test`)"
                  service: app
                  middlewares: [again]
                  tls: {}
              middlewares:
                again:
                  retry: {attempts: 2}
                watched:
                  rule: "Host(`watched.test`)"
                  service: watched
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}, {url: "http://127.0.0.1:1"}]
                watched:
                  loadBalancer:
                    servers: [{url: "\(backend.url)"}]
                    healthCheck: {path: /health, interval: 1s}
            tls:
              certificates:
                - {certFile: \(certFile), keyFile: \(keyFile)}
            """, entryPointExtra: """
              websecure:
                address: "127.0.0.1:\(securePort)"
              traefik:
                address: "127.0.0.1:\(metricsPort)"
            """, staticExtra: """
            metrics:
              prometheus:
                addRoutersLabels: true
            """)
        for _ in 0..<4 {
            let result = try await Curl.run(["--cacert", pki.caFile, "--tlsv1.3", "--tls13-ciphers", "TLS_AES_128_GCM_SHA256", "--resolve", "app.test:\(securePort):127.0.0.1",
                                             "https://app.test:\(securePort)/x"])
            #expect(result.status == 0, "\(result.output)")
        }
        let tls12 = try await Curl.run(["--cacert", pki.caFile, "--tls-max", "1.2", "--ciphers", "ECDHE-ECDSA-AES256-GCM-SHA384",
                                        "--resolve", "app.test:\(securePort):127.0.0.1", "https://app.test:\(securePort)/y"])
        #expect(tls12.status == 0, "\(tls12.output)")
        let text = try #require(try await TestConnection(port: metricsPort).get("/metrics")).body
        for name in Self.traefikNames {
            #expect(text.contains("\ntee_\(name)") || text.hasPrefix("tee_\(name)"), "tee_\(name) missing:\n\(text)")
        }
        let tls13 = ["tls_version": "1.3", "tls_cipher": "TLS_AES_128_GCM_SHA256"]
        #expect(Self.sample("tee_entrypoint_requests_tls_total", tls13.merging(["entrypoint": "websecure"]) { $1 }, in: text) == 4, "\(text)")
        #expect(Self.sample("tee_router_requests_tls_total", tls13.merging(["router": "app@file", "service": "app@file"]) { $1 }, in: text) == 4)
        #expect(Self.sample("tee_service_requests_tls_total", tls13.merging(["service": "app@file"]) { $1 }, in: text) == 4)
        #expect(Self.sample("tee_entrypoint_requests_tls_total",
                            ["tls_version": "1.2", "tls_cipher": "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "entrypoint": "websecure"],
                            in: text) == 1)
        // The certificate's expiry, as openssl reads it.
        let expiry = try await Self.shell("openssl x509 -in \(certFile) -noout -enddate -dateopt iso_8601 | cut -d= -f2")
        let notAfter = try #require(ISO8601DateFormatter().date(from: expiry.trimmingCharacters(in: .whitespacesAndNewlines)
            .replacingOccurrences(of: " ", with: "T")), "enddate: \(expiry)")
        let serial = try await Self.shell("python3 -c \"print(int('$(openssl x509 -in \(certFile) -noout -serial | cut -d= -f2)', 16))\"")
        let line = try #require(text.split(separator: "\n").first { $0.hasPrefix("tee_tls_certs_not_after{") }, "\(text)")
        #expect(line.contains("cn=\"app.test\"") && line.contains("sans=\"app.test,www.app.test\""), "\(line)")
        #expect(Self.sample("tee_tls_certs_not_after", ["cn": "app.test"], in: text) == notAfter.timeIntervalSince1970)
        #expect(line.contains("serial=\"\(serial.trimmingCharacters(in: .whitespacesAndNewlines))\""), "\(line) vs \(serial)")
        // Plain HTTP requests count no TLS metric.
        #expect(!text.contains("entrypoint=\"web\",tls"))
    }

    /// What `command` prints (run by /bin/sh).
    static func shell(_ command: String) async throws -> String {
        let process = try DaemonProcess("/bin/sh", ["-c", command])
        _ = await process.waitForExit(timeout: .seconds(20))
        return process.log
    }
}
