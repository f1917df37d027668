import ArgumentParser
import Foundation
import TEEAdmin

/// `teeadm reset`: this node leaves the cluster and its local state is wiped.
struct ResetCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Leave the cluster and wipe this node's tee state.",
        discussion: """
            On a controller, its etcd member is removed from the cluster first (through its own \
            API), unless it is the last one. Then the services stop and the certificates, \
            configuration written by init or join, and state under --state-dir are deleted.
            """
    )
    @Option(help: "Where configuration and certificates are.") var configDir: String = "/etc/tee"
    @Option(help: "Where state is.") var stateDir: String = "/var/lib/tee"
    @Option(help: "The controller options file written by init or join.") var defaultsFile: String = "/etc/default/tee-controller"
    @Option(help: "This node's name, when it is a controller (default: the host name).") var name: String?
    @Flag(help: "Stop nothing through systemd.") var noSystemd = false
    @OptionGroup var connection: ControllerOption

    func run() async throws {
        let isController = FileManager.default.fileExists(atPath: "\(self.configDir)/etcd.conf.yml")
        if isController {
            let name = self.name ?? HostName.short
            if let answer = try? await self.connection.client.send(.DELETE, "/api/v1/nodes/\(name)?self=true") {
                print(answer.status == 200 ? "[leave] \(name) and its etcd member left the cluster" : "[leave] not removed: \(answer.errorMessage)")
            } else {
                print("[leave] no controller answered; the cluster keeps this member until teeadm node remove \(name) elsewhere")
            }
        }
        if !self.noSystemd {
            for unit in ["tee-proxy.service", "tee-proxy.socket", "tee-proxy-websecure.socket", "tee-mesh.service", "tee-controller.service", "tee-etcd.service"] {
                try? Systemctl.run(["disable", "--now", unit])
            }
        }
        var removed: [String] = []
        for path in ["\(self.configDir)/pki", "\(self.configDir)/etcd.conf.yml", "\(self.configDir)/proxy.yaml", "\(self.configDir)/mesh.yaml",
                     "\(self.stateDir)/etcd", "\(self.stateDir)/proxy", "\(self.stateDir)/mesh", self.defaultsFile]
        where FileManager.default.fileExists(atPath: path) {
            try FileManager.default.removeItem(atPath: path)
            removed.append(path)
        }
        print("[reset] removed \(removed.isEmpty ? "nothing (no tee state here)" : removed.joined(separator: ", "))")
    }
}
