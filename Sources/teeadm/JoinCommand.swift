import ArgumentParser
import Foundation
import TEEAdmin

/// `teeadm join`: makes this node a proxy (or mesh agent) of an existing cluster.
struct JoinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Join this node to a cluster as a proxy or mesh agent.",
        discussion: """
            Fetches the cluster's CA from the controller and checks it against --ca-cert-hash \
            (a wrong hash stops here), makes this node's key, and has the cluster sign its \
            certificate with the join token (a wrong, expired or other-role token is refused); \
            only then writes /etc/tee/pki and the node's configuration, and starts its service.
            """
    )

    @Argument(help: "A controller's API address (HOST:PORT, port 7440 by default).")
    var controller: String

    @Option(help: "A join token for the role (teeadm token create --role ROLE).") var token: String
    @Option(help: "The cluster CA's hash, sha256:HEX (teeadm init prints it).") var caCertHash: String
    @Option(help: "proxy or mesh.") var role: String = "proxy"
    @Option(help: "This node's name (default: the host name).")
    var name: String?
    @Option(help: "Where configuration and certificates go.") var configDir: String = "/etc/tee"
    @Option(help: "Where state goes.") var stateDir: String = "/var/lib/tee"
    @Option(name: .customLong("entry-point"), help: "An entry point for a new proxy configuration, NAME=ADDRESS (repeatable; default web=:80 and websecure=:443).")
    var entryPoints: [String] = []
    @Flag(help: "Start nothing; print the command to run instead.") var noSystemd = false

    func run() async throws {
        var options = NodeJoin.Options(controller: self.controller.contains(":") ? self.controller : "\(self.controller):7440",
                                       token: self.token, caCertHash: self.caCertHash, role: self.role, nodeName: self.name ?? HostName.short)
        options.configDirectory = self.configDir
        options.stateDirectory = self.stateDir
        if !self.entryPoints.isEmpty { options.entryPoints = self.entryPoints }
        let files = try await NodeJoin(options: options).run()
        print("[join] the cluster signed this node's certificate; wrote \(files.joined(separator: ", "))")
        let configuration = "\(self.configDir)/\(self.role).yaml"
        if self.noSystemd {
            print("Nothing was started (--no-systemd). Start the \(self.role):\n\n  tee-\(self.role) --config \(configuration)\n")
        } else {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/systemctl")
            process.arguments = ["enable", "--now", "tee-\(self.role).service"]
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                throw AdminError("systemctl enable --now tee-\(self.role) failed; see journalctl -u tee-\(self.role)")
            }
            print("[start] tee-\(self.role).service started")
        }
        print("This node joined the cluster as \(self.role) \(options.nodeName). See it with: teeadm status (on a controller)")
    }
}
