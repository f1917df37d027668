import TEETesting

/// Static configuration files for daemons under test, on free loopback ports.
struct ProxyConfigFile {
    let path: String
    let webPort: Int
    let pingPort: Int

    /// Two entry points, `web` and `traefik` (ping), each on a free port unless given.
    init(webPort: Int? = nil, graceTimeout: String = "10s") throws {
        self.webPort = try webPort ?? FreePort.next()
        self.pingPort = try FreePort.next()
        self.path = try TemporaryDirectory.write(
            """
            entryPoints:
              web:
                address: "127.0.0.1:\(self.webPort)"
                transport:
                  lifeCycle:
                    graceTimeOut: \(graceTimeout)
              traefik:
                address: "127.0.0.1:\(self.pingPort)"
            ping:
              entryPoint: traefik
            """,
            named: "proxy.yaml"
        )
    }
}
