import Foundation

/// A private CA and leaf certificates made with the `openssl` command, for TLS tests.
/// The calls are async: waiting for `openssl` must not hold one of the few threads that also
/// deliver process-exit notifications.
public struct TestCertificates: Sendable {
    public let directory: String
    public var caFile: String { "\(self.directory)/ca.pem" }

    /// Makes a CA in a new directory.
    public init() async throws {
        self.directory = try TemporaryDirectory.make(prefix: "pki")
        try await Self.openssl(["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                          "-keyout", "\(self.directory)/ca.key", "-out", self.caFile, "-days", "2",
                          "-subj", "/CN=tee test CA"])
    }

    /// Issues a leaf certificate for `names` (host names or IP addresses), good for servers and
    /// clients alike; returns the certificate and key paths.
    public func issue(_ name: String, names: [String]) async throws -> (certFile: String, keyFile: String) {
        let base = "\(self.directory)/\(name)"
        try await Self.openssl(["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                          "-keyout", "\(base).key", "-out", "\(base).csr", "-subj", "/CN=\(names[0])"])
        // Addresses go in as IP entries, names as DNS entries.
        let extensions = "subjectAltName=" + names.map { $0.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? "IP:\($0)" : "DNS:\($0)" }
            .joined(separator: ",")
        try extensions.write(toFile: "\(base).ext", atomically: true, encoding: .utf8)
        try await Self.openssl(["x509", "-req", "-in", "\(base).csr", "-CA", self.caFile, "-CAkey", "\(self.directory)/ca.key",
                          "-CAcreateserial", "-out", "\(base).pem", "-days", "2", "-extfile", "\(base).ext"])
        return ("\(base).pem", "\(base).key")
    }

    private static func openssl(_ arguments: [String]) async throws {
        let process = try DaemonProcess("/usr/bin/openssl", arguments)
        let status = await process.waitForExit()
        guard status == 0 else {
            throw POSIXFailure("openssl \(arguments.prefix(2).joined(separator: " ")) exited with \(status.map(String.init) ?? "nothing"): \(process.log)")
        }
    }
}
