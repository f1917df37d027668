import Foundation
import TEETesting
import Testing

@Suite("TCP routers of a real tee-proxy")
struct TCPRoutingTests {
    @Test("TLS passthrough by SNI and TLS termination share the port with HTTPS routers")
    func tlsRouting() async throws {
        let pki = try await TestCertificates()
        let backendFiles = try await pki.issue("backend", names: ["passthrough.test"])
        let proxyFiles = try await pki.issue("proxy", names: ["app.test", "terminated.test"])
        let secureBackend = try await TestBackend(name: "secure-backend", tls: backendFiles)
        let plainBackend = try await TestBackend(name: "plain-backend")
        defer { Task { await secureBackend.stop(); await plainBackend.stop() } }
        let proxy = try await ProxyFixture(dynamic: """
            http:
              routers:
                app:
                  rule: "Host(`app.test`)"
                  service: app
                  tls: {}
              services:
                app:
                  loadBalancer:
                    servers: [{url: "\(plainBackend.url)"}]
            tcp:
              routers:
                passthrough:
                  rule: "HostSNI(`passthrough.test`)"
                  service: secure
                  tls:
                    passthrough: true
                terminated:
                  rule: "HostSNI(`terminated.test`)"
                  service: plain
                  tls: {}
              services:
                secure:
                  loadBalancer:
                    servers: [{address: "127.0.0.1:\(secureBackend.port)"}]
                plain:
                  loadBalancer:
                    servers: [{address: "127.0.0.1:\(plainBackend.port)"}]
            tls:
              certificates:
                - certFile: \(proxyFiles.certFile)
                  keyFile: \(proxyFiles.keyFile)
            """)
        let port = proxy.webPort
        func curl(_ host: String) async throws -> (status: Int32, output: String) {
            try await Curl.https(host, port: port, path: "/x", caFile: pki.caFile, ["--http1.1"])
        }
        // curl checks the certificate's name: the backend's own certificate means the TLS went through untouched.
        let passthrough = try await curl("passthrough.test")
        #expect(passthrough.status == 0, "\(passthrough.output)\n\(proxy.process.log)")
        #expect(passthrough.output.contains("backend=secure-backend"))
        #expect(!passthrough.output.contains("header.x-forwarded-for"), "passthrough must not touch the bytes")

        let terminated = try await curl("terminated.test")
        #expect(terminated.status == 0, "\(terminated.output)")
        #expect(terminated.output.contains("backend=plain-backend"))
        #expect(!terminated.output.contains("header.x-forwarded-for"))

        let https = try await curl("app.test")
        #expect(https.status == 0, "\(https.output)")
        #expect(https.output.contains("header.x-forwarded-proto=https"), "an HTTPS router is still served by HTTP")
    }

    @Test("a plain HostSNI(`*`) router relays bytes, with a PROXY protocol header; ipAllowList closes others")
    func plainRelay() async throws {
        let echo = try TCPEchoServer()
        defer { echo.stop() }
        let tcpPort = try FreePort.next()
        let deniedPort = try FreePort.next()
        let proxy = try await ProxyFixture(dynamic: """
            tcp:
              routers:
                echo:
                  rule: "HostSNI(`*`)"
                  entryPoints: [raw]
                  service: echo
                denied:
                  rule: "HostSNI(`*`)"
                  entryPoints: [guarded]
                  service: echo
                  middlewares: [office]
              middlewares:
                office:
                  ipAllowList:
                    sourceRange: [10.0.0.0/8]
              services:
                echo:
                  loadBalancer:
                    proxyProtocol:
                      version: 1
                    servers: [{address: "\(echo.address)"}]
            """, entryPointExtra: """
              raw:
                address: "127.0.0.1:\(tcpPort)"
              guarded:
                address: "127.0.0.1:\(deniedPort)"
            """)
        let connection = try TestConnection(port: tcpPort)
        try await connection.send("hello through tcp")
        for _ in 0..<100 where !echo.received.hasSuffix("hello through tcp") { try await Task.sleep(for: .milliseconds(20)) }
        // The echo server sends back everything it got, the PROXY header included.
        #expect(await connection.readExactly(echo.received.utf8.count) == echo.received)
        #expect(echo.received.hasPrefix("PROXY TCP4 127.0.0.1 127.0.0.1 "), "\(echo.received)")
        #expect(echo.received.hasSuffix("\(tcpPort)\r\nhello through tcp"))

        let denied = try TestConnection(port: deniedPort)
        try await denied.send("let me in")
        #expect(await denied.readUntilClose().isEmpty)
        #expect(!echo.received.contains("let me in"))
        _ = proxy
    }

    @Test("on an entry point with only plain TCP routers, server-first protocols work: nothing waits for the client")
    func serverFirst() async throws {
        let server = try TCPEchoServer(banner: "220 ready\r\n")
        defer { server.stop() }
        let port = try FreePort.next()
        let proxy = try await ProxyFixture(dynamic: """
            tcp:
              routers:
                smtp:
                  rule: "HostSNI(`*`)"
                  entryPoints: [smtp]
                  service: smtp
              services:
                smtp:
                  loadBalancer:
                    servers: [{address: "\(server.address)"}]
            """, entryPointExtra: """
              smtp:
                address: "127.0.0.1:\(port)"
            """)
        let connection = try TestConnection(port: port)
        #expect(await connection.readExactly(11) == "220 ready\r\n", "\(proxy.process.log)")
        try await connection.send("HELO tee\r\n")
        #expect(await connection.readExactly(10) == "HELO tee\r\n")
    }

    @Test("bad TCP routers are reported: a plain router that matches by name, an unknown middleware")
    func invalid() async throws {
        let proxy = try await ProxyFixture(dynamic: """
            tcp:
              routers:
                named:
                  rule: "HostSNI(`db.test`)"
                  service: db
                missing:
                  rule: "HostSNI(`*`)"
                  service: db
                  middlewares: [nope]
                wrong:
                  rule: "Host(`db.test`)"
                  service: db
              services:
                db:
                  loadBalancer:
                    servers: [{address: "127.0.0.1:1"}]
            """)
        #expect(await proxy.process.waitForLog("cannot match by server name"), "\(proxy.process.log)")
        #expect(proxy.process.log.contains("TCP middleware nope@file does not exist"))
        #expect(proxy.process.log.contains("unknown TCP matcher 'Host'"))
    }
}
