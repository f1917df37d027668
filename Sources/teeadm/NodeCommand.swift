import ArgumentParser
import Foundation
import TEEAdmin

/// `teeadm node`: the cluster's nodes.
struct NodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "node",
        abstract: "List the cluster's nodes.",
        subcommands: [List.self]
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
}
