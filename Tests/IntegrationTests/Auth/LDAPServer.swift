import Foundation
import TEETesting

/// A real OpenLDAP server (Debian's slapd) on a free loopback port, with `dc=tee,dc=test` holding
/// people (`cn=alice`: admin, `cn=bob`: staff, `cn=carol` twice under different units) and the
/// search account `cn=reader` (password `reader-password`). Its log counts connections.
final class LDAPServer {
    struct ServerError: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    let directory: String
    let process: DaemonProcess
    /// The server's certificate, when it speaks TLS (ldaps://).
    let certificates: TestCertificates?
    var url: String { self.certificates == nil ? "ldap://127.0.0.1:\(self.port)" : "ldaps://localhost:\(self.port)" }

    static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: "/usr/sbin/slapd") }

    /// With `tls`, the server speaks ldaps:// with a certificate for localhost from a new test CA.
    init(tls: Bool = false) async throws {
        self.port = try FreePort.next()
        self.certificates = tls ? try await TestCertificates() : nil
        self.directory = try TemporaryDirectory.make(prefix: "slapd")
        try FileManager.default.createDirectory(atPath: "\(self.directory)/db", withIntermediateDirectories: true)
        let configuration = """
            include /etc/ldap/schema/core.schema
            include /etc/ldap/schema/cosine.schema
            include /etc/ldap/schema/inetorgperson.schema
            modulepath /usr/lib/ldap
            moduleload back_mdb
            pidfile \(self.directory)/slapd.pid
            database mdb
            maxsize 10485760
            suffix "dc=tee,dc=test"
            rootdn "cn=admin,dc=tee,dc=test"
            rootpw admin-password
            directory \(self.directory)/db
            access to attrs=userPassword by anonymous auth by * none
            access to * by dn.exact="cn=reader,dc=tee,dc=test" read by * none
            """ + (try await Self.tlsSettings(self.certificates))
        try configuration.write(toFile: "\(self.directory)/slapd.conf", atomically: true, encoding: .utf8)
        func person(_ dn: String, _ uid: String, _ type: String, _ password: String) -> String {
            "dn: \(dn)\nobjectClass: inetOrgPerson\ncn: \(dn.split(separator: ",")[0].dropFirst(3))\nsn: \(uid)\nuid: \(uid)\nemployeeType: \(type)\nuserPassword: \(password)\n"
        }
        let entries = [
            "dn: dc=tee,dc=test\nobjectClass: dcObject\nobjectClass: organization\no: tee\ndc: tee\n",
            "dn: ou=people,dc=tee,dc=test\nobjectClass: organizationalUnit\nou: people\n",
            "dn: ou=contractors,ou=people,dc=tee,dc=test\nobjectClass: organizationalUnit\nou: contractors\n",
            "dn: cn=reader,dc=tee,dc=test\nobjectClass: person\ncn: reader\nsn: reader\nuserPassword: reader-password\n",
            person("cn=alice,ou=people,dc=tee,dc=test", "alice", "admin", "alice-password"),
            person("cn=bob,ou=people,dc=tee,dc=test", "bob", "staff", "bob-password"),
            person("cn=carol,ou=people,dc=tee,dc=test", "carol", "admin", "carol-password"),
            person("cn=carol,ou=contractors,ou=people,dc=tee,dc=test", "carol", "admin", "carol-password"),
        ]
        try entries.joined(separator: "\n").write(toFile: "\(self.directory)/data.ldif", atomically: true, encoding: .utf8)
        let load = try DaemonProcess("/usr/sbin/slapadd", ["-f", "\(self.directory)/slapd.conf", "-l", "\(self.directory)/data.ldif"])
        guard await load.waitForExit() == 0 else { throw ServerError(description: "slapadd failed:\n\(load.log)") }
        // -d stats keeps slapd in the foreground and logs each connection ("ACCEPT").
        let scheme = tls ? "ldaps" : "ldap"
        self.process = try DaemonProcess("/usr/sbin/slapd", ["-f", "\(self.directory)/slapd.conf", "-h", "\(scheme)://127.0.0.1:\(self.port)/", "-d", "stats"])
        guard await self.process.waitForLog("slapd starting") else { throw ServerError(description: "slapd did not start:\n\(self.process.log)") }
    }

    private static func tlsSettings(_ certificates: TestCertificates?) async throws -> String {
        guard let certificates else { return "" }
        let (cert, key) = try await certificates.issue("ldap", names: ["localhost", "127.0.0.1"])
        return "\nTLSCACertificateFile \(certificates.caFile)\nTLSCertificateFile \(cert)\nTLSCertificateKeyFile \(key)\n"
    }

    deinit {
        self.process.send(SIGKILL)
    }

    /// Connections slapd accepted so far.
    var connections: Int { self.process.log.components(separatedBy: " ACCEPT from ").count - 1 }

    /// Binds slapd answered so far (its result lines for bind responses, tag 97).
    var binds: Int { self.process.log.components(separatedBy: " RESULT tag=97 ").count - 1 }

    func stop() async {
        self.process.send(SIGKILL)
        _ = await self.process.waitForExit()
    }
}
