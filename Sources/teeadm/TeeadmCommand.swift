import ArgumentParser
import TEEModel

/// `teeadm`: bootstraps and operates a tee cluster.
@main
struct TeeadmCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "teeadm",
        abstract: "Bootstrap and operate a tee cluster.",
        discussion: """
            Run `teeadm init` on the first controller and `teeadm join` on every other node. \
            This release provides `teeadm config` and `teeadm version`; bootstrap commands follow.
            """,
        version: TEEVersion.current,
        subcommands: [InitCommand.self, JoinCommand.self, ResetCommand.self, TokenCommand.self, StatusCommand.self, NodeCommand.self, ConfigCommand.self, MeshCommand.self, CertCommand.self, CertsCommand.self, BackupCommand.self, Version.self]
    )

    /// `teeadm version`: prints the version, like `kubeadm version`.
    struct Version: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the version of teeadm.")

        func run() {
            print("teeadm \(TEEVersion.current)")
        }
    }
}
