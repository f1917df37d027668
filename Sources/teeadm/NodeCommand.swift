import ArgumentParser
import Foundation
import TEEAdmin

/// `teeadm node`: the cluster's nodes.
struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "List and remove the cluster's nodes.",
        subcommands: [List.self, Remove.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List controllers, proxies and mesh agents.")
        @OptionGroup var output: OutputOption
        @OptionGroup var connection: ControllerOption

        func run() async throws {
            let client = self.connection.client
            let nodes = try await client.send(.GET, "/api/v1/nodes")
            guard nodes.status == 200 else { throw AdminError(nodes.errorMessage) }
            if self.output.json { return print(nodes.body) }
            let health = try await client.send(.GET, "/api/v1/health")
            let runtime = try await client.send(.GET, "/api/v1/runtime")
            print(Table(rows: ClusterStatus(health: health.body, runtime: runtime.status == 200 ? runtime.body : nil, nodes: nodes.body).rows).text)
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove a node from the cluster.",
            discussion: "For a controller its etcd member is removed first, through another controller. The node's own files stay; run teeadm reset on it."
        )
        @Argument(help: "The node's name (see node list).") var name: String
        @OptionGroup var connection: ControllerOption

        func run() async throws {
            let answer = try await self.connection.client.send(.DELETE, "/api/v1/nodes/\(self.name)")
            guard answer.status == 200 else { throw AdminError(answer.errorMessage) }
            print(answer.body.contains("\"etcdMember\":true") ? "Removed \(self.name) and its etcd member." : "Removed \(self.name).")
        }
    }
}
