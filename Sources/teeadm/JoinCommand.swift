import ArgumentParser
import Foundation
import TEEAdmin

/// `teeadm join`: makes this node a proxy (or mesh agent) of an existing cluster.
struct JoinCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "join",
        abstract: "Join this node to a cluster as a controller, proxy or mesh agent.",
        discussion: """
            Fetches the cluster's CA from the controller and checks it against --ca-cert-hash \
            (a wrong hash stops here), makes this node's key, and has the cluster sign its \
            certificate with the join token (a wrong, expired or other-role token is refused); \
            only then writes /etc/tee/pki and the node's configuration, and starts its service. \
            A controller's etcd member joins as a learner and votes once it has caught up.
            """
    )

    @Argument(help: "A controller's API address (HOST:PORT, port 7440 by default).")
    var controller: String

    @Option(help: "A join token for the role (teeadm token create --role ROLE).") var token: String
    @Option(help: "The cluster CA's hash, sha256:HEX (teeadm init prints it).") var caCertHash: String
    @Option(help: "controller, proxy or mesh.") var role: String = "proxy"
    @Option(help: "This node's name (default: the host name).")
    var name: String?
    @Option(help: "Where configuration and certificates go.") var configDir: String = "/etc/tee"
    @Option(help: "Where state goes.") var stateDir: String = "/var/lib/tee"
    @Option(name: .customLong("entry-point"), help: "An entry point for a new proxy configuration, NAME=ADDRESS (repeatable; default web=:80 and websecure=:443).")
    var entryPoints: [String] = []
    @Option(help: "For a controller or mesh agent: the address other nodes reach it on (a mesh agent defaults to this host's address toward the controller).") var advertiseAddress: String?
    @Option(help: "For a controller: the file tee-controller.service reads its options from.")
    var defaultsFile: String = "/etc/default/tee-controller"
    @Option(help: "For a controller: etcd's client port (on loopback).") var etcdClientPort = 2479
    @Option(help: "For a controller: etcd's peer port.") var etcdPeerPort = 2480
    @Option(help: "For a controller: the API's port.") var apiPort = 7440
    @Option(help: "For a controller: the snapshot stream's port.") var distributionPort = 7441
    @Flag(help: "Start nothing; print the commands to run instead.") var noSystemd = false

    func run() async throws {
        var options = NodeJoin.Options(controller: self.controller.contains(":") ? self.controller : "\(self.controller):7440",
                                       token: self.token, caCertHash: self.caCertHash, role: self.role, nodeName: self.name ?? HostName.short)
        options.configDirectory = self.configDir
        options.stateDirectory = self.stateDir
        if !self.entryPoints.isEmpty { options.entryPoints = self.entryPoints }
        if self.role == "mesh" { options.advertiseAddress = self.advertiseAddress }
        if self.role == "controller", let advertise = self.advertiseAddress {
            var controller = ClusterInit.Options(nodeName: options.nodeName, advertiseAddress: advertise)
            controller.configDirectory = self.configDir
            controller.stateDirectory = self.stateDir
            controller.defaultsFile = self.defaultsFile
            controller.etcdClientPort = self.etcdClientPort
            controller.etcdPeerPort = self.etcdPeerPort
            controller.apiPort = self.apiPort
            controller.distributionPort = self.distributionPort
            options.controllerSetup = controller
        }
        let outcome = try await NodeJoin(options: options).run()
        print("[join] the cluster signed this node's certificate; wrote \(outcome.files.joined(separator: ", "))")
        if self.noSystemd {
            print("Nothing was started (--no-systemd). Start the node:\n")
            for command in outcome.startCommands { print("  \(command.joined(separator: " "))") }
            print("")
        } else {
            try Systemctl.enableAndRestart(outcome.units)
        }
        print("This node joined the cluster as \(self.role) \(options.nodeName). See it with: teeadm status")
    }
}
