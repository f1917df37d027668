import Foundation
import TEETesting

/// A real ACME CA and DNS for the ACME tests: Debian's `pebble`, validating against the ports
/// the proxy listens on, and `named` (bind9) serving the zone `tee.test` (every name → 127.0.0.1)
/// with RFC 2136 updates signed by a TSIG key. Both run as processes until the lab is dropped.
final class ACMELab {
    static let zone = "tee.test"
    static let tsigKeyName = "tee-key"

    let directory: String
    let dnsPort: Int
    let acmePort: Int
    let managementPort: Int
    /// Where the proxy must answer: HTTP-01 on `httpPort`, TLS-ALPN-01 on `tlsPort`.
    let httpPort: Int
    let tlsPort: Int
    let tsigSecret: String
    /// Trusts pebble's own HTTPS (the directory), for `caCertificates`.
    let serverCAFile: String
    let named: DaemonProcess
    let pebble: DaemonProcess

    var directoryURL: String { "https://127.0.0.1:\(self.acmePort)/dir" }
    var nameserver: String { "127.0.0.1:\(self.dnsPort)" }

    /// The RFC2136_* variables lego's provider (and tee's) reads.
    var rfc2136Environment: [String: String] {
        ["RFC2136_NAMESERVER": self.nameserver, "RFC2136_TSIG_KEY": Self.tsigKeyName,
         "RFC2136_TSIG_SECRET": self.tsigSecret, "RFC2136_TSIG_ALGORITHM": "hmac-sha256.",
         "RFC2136_POLLING_INTERVAL": "1", "RFC2136_PROPAGATION_TIMEOUT": "30"]
    }

    /// The external account binding pebble requires with `requireEAB`.
    static let eabKeyID = "kid-1"
    static let eabHMAC = "zWNDZM6eQGHWpSRTPal5eIUYFTu7EajVIoguysqZ9wG44nMEtx3MUAsUDkMTQ12W"

    /// - Parameters:
    ///   - records: zone lines added to `tee.test` (such as `p1 IN A 127.0.0.2`).
    ///   - requireEAB: accounts need the external account binding `eabKeyID`/`eabHMAC`.
    ///   - alternateRoots: pebble also offers chains up to this many other roots.
    init(records: String = "", requireEAB: Bool = false, alternateRoots: Int = 0) async throws {
        self.directory = try TemporaryDirectory.make(prefix: "acme-lab")
        self.dnsPort = try FreePort.next()
        self.acmePort = try FreePort.next()
        self.managementPort = try FreePort.next()
        self.httpPort = try FreePort.next()
        self.tlsPort = try FreePort.next()
        self.tsigSecret = Data((0..<32).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let dir = self.directory
        try """
        options {
          directory "\(dir)";
          listen-on port \(self.dnsPort) { 127.0.0.1; };
          listen-on-v6 { none; };
          pid-file "\(dir)/named.pid";
          session-keyfile "\(dir)/session.key";
          recursion no;
          dnssec-validation no;
        };
        controls { };
        key "\(Self.tsigKeyName)" { algorithm hmac-sha256; secret "\(self.tsigSecret)"; };
        zone "\(Self.zone)" { type master; file "\(dir)/zone.db"; allow-update { key "\(Self.tsigKeyName)"; }; };
        """.write(toFile: "\(dir)/named.conf", atomically: true, encoding: .utf8)
        try """
        $TTL 5
        @ IN SOA ns.\(Self.zone). admin.\(Self.zone). ( 1 60 60 600 5 )
        @ IN NS ns.\(Self.zone).
        ns IN A 127.0.0.1
        @ IN A 127.0.0.1
        * IN A 127.0.0.1
        \(records)

        """.write(toFile: "\(dir)/zone.db", atomically: true, encoding: .utf8)
        self.named = try DaemonProcess("/usr/sbin/named", ["-g", "-c", "\(dir)/named.conf"])
        guard await self.named.waitForLog("running") else {
            throw FixtureError(message: "named did not start:\n\(self.named.log)")
        }

        let pki = try await TestCertificates()
        let server = try await pki.issue("pebble", names: ["127.0.0.1", "localhost"])
        self.serverCAFile = pki.caFile
        try """
        {"pebble": {"listenAddress": "127.0.0.1:\(self.acmePort)", "managementListenAddress": "127.0.0.1:\(self.managementPort)",
          "certificate": "\(server.certFile)", "privateKey": "\(server.keyFile)",
          "httpPort": \(self.httpPort), "tlsPort": \(self.tlsPort), "ocspResponderURL": "",
          "externalAccountBindingRequired": \(requireEAB), "externalAccountMACKeys": {"\(Self.eabKeyID)": "\(Self.eabHMAC)"}}}
        """.write(toFile: "\(dir)/pebble.json", atomically: true, encoding: .utf8)
        self.pebble = try DaemonProcess("/usr/bin/pebble", ["-config", "\(dir)/pebble.json", "-dnsserver", "127.0.0.1:\(self.dnsPort)"],
                                        environment: ["PEBBLE_VA_NOSLEEP": "1", "PEBBLE_AUTHZREUSE": "0",
                                                      "PEBBLE_ALTERNATE_ROOTS": "\(alternateRoots)"])
        guard await self.pebble.waitForLog("ACME directory available") else {
            throw FixtureError(message: "pebble did not start:\n\(self.pebble.log)")
        }
    }

    deinit {
        self.pebble.send(SIGKILL)
        self.named.send(SIGKILL)
    }

    /// Pebble's root for the certificates it issues (new each run), written to a file for curl.
    func issuingRootFile(_ index: Int = 0) async throws -> String {
        let path = "\(self.directory)/pebble-root-\(index).pem"
        let result = try await Curl.run(["-sS", "--cacert", self.serverCAFile, "-o", path, "https://127.0.0.1:\(self.managementPort)/roots/\(index)"])
        guard result.status == 0 else { throw FixtureError(message: "cannot fetch pebble's root: \(result.output)") }
        return path
    }

    /// Polls `https://NAME:PORT/` at `address` with curl trusting `caFile` until it succeeds; the last output otherwise.
    func waitForHTTPS(_ name: String, address: String = "127.0.0.1", port: Int, caFile: String, path: String = "/",
                      timeout: Duration = .seconds(90))
        async throws -> (ok: Bool, output: String) {
        let deadline = ContinuousClock.now + timeout
        var last = ""
        while ContinuousClock.now < deadline {
            let result = try await Curl.run(["-sS", "--max-time", "5", "--cacert", caFile, "--resolve", "\(name):\(port):\(address)",
                                             "https://\(name):\(port)\(path)"])
            if result.status == 0 { return (true, result.output) }
            last = result.output
            try await Task.sleep(for: .milliseconds(500))
        }
        return (false, last)
    }
}
