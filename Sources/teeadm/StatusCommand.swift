import ArgumentParser
import Foundation
import TEEAdmin

/// `teeadm status`: the cluster in one line, then its nodes.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the cluster's health: controllers, leader, quorum, proxies and their configuration versions."
    )

    @OptionGroup var output: OutputOption
    @OptionGroup var connection: ControllerOption

    func run() async throws {
        let client = self.connection.client
        let health = try await client.send(.GET, "/api/v1/health")
        let runtime = try await client.send(.GET, "/api/v1/runtime")
        let nodes = try await client.send(.GET, "/api/v1/nodes")
        if self.output.json {
            print("{\"health\":\(health.body),\"runtime\":\(runtime.status == 200 ? runtime.body : "null"),\"nodes\":\(nodes.body)}")
            return
        }
        let report = ClusterStatus(health: health.body, runtime: runtime.status == 200 ? runtime.body : nil, nodes: nodes.body)
        print(report.verdict)
        print("")
        print(Table(rows: report.rows).text)
        if !report.isHealthy { throw ExitCode(2) }
    }
}
