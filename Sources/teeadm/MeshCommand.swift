import ArgumentParser
import Foundation
import TEEAdmin
import TEEModel

/// `teeadm mesh`: the mesh's services and policy.
struct MeshCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mesh",
        abstract: "Apply and read the service mesh's services and policy.",
        discussion: """
            One document holds the mesh: MeshService objects (protocol, the port on the service's \
            virtual IP, instances with node, port and uid) and policy in SMI's shapes: TrafficTarget, \
            HTTPRouteGroup, TCPRoute, TrafficSplit, and ServicePolicy (retries, rate limit, circuit \
            breaker, timeouts). Traffic no TrafficTarget allows is denied. See tee.yaml(5).
            """,
        subcommands: [Apply.self, Get.self]
    )

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Check a mesh document and apply it to the whole cluster.")

        @Option(name: .shortAndLong, help: "The mesh document (YAML, JSON or TOML).")
        var file: String

        @Flag(help: "Check the document without applying it.")
        var dryRun = false

        @OptionGroup var connection: ControllerOption

        func run() async throws {
            guard let text = try? String(contentsOfFile: self.file, encoding: .utf8) else {
                throw AdminError("cannot read \(self.file)")
            }
            let mesh: MeshConfiguration
            do {
                mesh = try MeshConfigurationParser().parse(text, file: self.file)
            } catch {
                throw AdminError("\(self.file) does not load; nothing was applied:\n" + error.errors.map { "  \($0)" }.joined(separator: "\n"))
            }
            print("\(mesh.services.count) service(s), \(mesh.trafficTargets.count) traffic target(s), \(mesh.httpRouteGroups.count) route group(s), "
                + "\(mesh.tcpRoutes.count) TCP route(s), \(mesh.trafficSplits.count) split(s), \(mesh.servicePolicies.count) service policy(ies)")
            if self.dryRun { return print("Checked; nothing applied (--dry-run).") }
            let contentType = self.file.hasSuffix(".toml") ? "application/toml" : "application/yaml"
            let answer = try await self.connection.client.send(.PUT, "/api/v1/mesh", body: text, headers: ["Content-Type": contentType])
            guard answer.status == 200 else { throw AdminError(answer.errorMessage) }
            let object = (try? JSONSerialization.jsonObject(with: Data(answer.body.utf8))) as? [String: Any]
            print(object?["changed"] as? Bool == false ? "No changes." : "Applied.")
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the mesh document as applied.")

        @OptionGroup var connection: ControllerOption

        func run() async throws {
            let answer = try await self.connection.client.send(.GET, "/api/v1/mesh")
            guard answer.status == 200 else { throw AdminError(answer.errorMessage) }
            if let warning = answer.headers["warning"] { FileHandleOutput.standardError("warning: \(warning)") }
            print(answer.body, terminator: answer.body.hasSuffix("\n") ? "" : "\n")
        }
    }
}
