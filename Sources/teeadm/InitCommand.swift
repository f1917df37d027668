import ArgumentParser
import Foundation
import TEEAdmin

/// `teeadm init`: makes this node the first controller of a new cluster.
struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Make this node the first controller of a new cluster.",
        discussion: """
            Checks the node (root, etcd-server installed, free ports, a sane clock, no earlier \
            state), then writes the cluster CA (ECDSA P-256, 10 years), this node's certificate \
            (1 year), the cluster's data key, the etcd member's configuration and the \
            controller's options, and starts tee-etcd and tee-controller. With --no-systemd it \
            starts nothing and prints the commands instead.
            """
    )

    @Option(help: "The address other nodes reach this one on.")
    var advertiseAddress: String = "127.0.0.1"

    @Option(help: "The cluster's name (in certificates).")
    var clusterName: String = "tee"

    @Option(help: "This node's name (default: the host name).")
    var name: String?

    @Option(help: "Where configuration and certificates go.")
    var configDir: String = "/etc/tee"

    @Option(help: "Where state (etcd's data) goes.")
    var stateDir: String = "/var/lib/tee"

    @Option(help: "The file tee-controller.service reads its options from.")
    var defaultsFile: String = "/etc/default/tee-controller"

    @Option(help: "etcd's client port (on loopback).") var etcdClientPort = 2479
    @Option(help: "etcd's peer port.") var etcdPeerPort = 2480
    @Option(help: "The API's port.") var apiPort = 7440
    @Option(help: "The snapshot stream's port.") var distributionPort = 7441

    @Flag(help: "Overwrite an earlier setup.")
    var force = false

    @Flag(help: "Start nothing; print the commands to run instead (containers and tests without systemd).")
    var noSystemd = false

    func run() async throws {
        let name = self.name ?? HostName.short
        var options = ClusterInit.Options(nodeName: name, advertiseAddress: self.advertiseAddress)
        options.clusterName = self.clusterName
        options.configDirectory = self.configDir
        options.stateDirectory = self.stateDir
        options.defaultsFile = self.defaultsFile
        options.etcdClientPort = self.etcdClientPort
        options.etcdPeerPort = self.etcdPeerPort
        options.apiPort = self.apiPort
        options.distributionPort = self.distributionPort
        options.force = self.force
        let setup = ClusterInit(options: options)
        print("[preflight] checking this node")
        let problems = await setup.preflight()
        guard problems.isEmpty else {
            throw AdminError("preflight checks failed; nothing was written:\n" + problems.map { "  - \($0)" }.joined(separator: "\n"))
        }
        let result = try setup.writeFiles()
        print("[pki] cluster CA and the certificate of \(name) written to \(self.configDir)/pki")
        print("[config] etcd member: \(self.configDir)/etcd.conf.yml; controller options: \(self.defaultsFile)")
        if self.noSystemd {
            print("""

                Nothing was started (--no-systemd). Start the store and the controller:

                  \(result.etcdCommand.joined(separator: " "))
                  tee-controller \(result.controllerArguments.joined(separator: " "))

                """)
        } else {
            try Systemctl.enableAndRestart(["tee-etcd.service", "tee-controller.service"])
        }
        print("""
            Your tee cluster has its first controller. Create join tokens, then join nodes:

              teeadm token create --role controller
              teeadm join \(self.advertiseAddress):\(self.apiPort) --token TOKEN --ca-cert-hash \(result.caPin) --role controller
              teeadm token create --role proxy
              teeadm join \(self.advertiseAddress):\(self.apiPort) --token TOKEN --ca-cert-hash \(result.caPin) --role proxy
            """)
    }
}
