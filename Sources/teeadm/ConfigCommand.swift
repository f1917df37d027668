import ArgumentParser
import TEEAdmin
import TEEModel

/// `teeadm config`: the cluster's dynamic configuration.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Apply and read the cluster's dynamic configuration (Traefik's format).",
        subcommands: [Apply.self, Get.self, Diff.self]
    )

    struct Apply: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply a dynamic configuration file to the whole cluster.",
            discussion: "Checks the file, shows what changes (+ added, - removed, ~ changed), then sends it to a controller."
        )

        @Option(name: .shortAndLong, help: "The file (YAML, JSON or TOML), or a directory: one document per file, named after it.")
        var file: String

        @Flag(help: "Show what would change without applying it.")
        var dryRun = false

        @OptionGroup var connection: ControllerOption

        func run() async throws {
            let documents = try ConfigApply.documents(at: self.file)
            for (file, document) in documents {
                if documents.count > 1 { print("\(file) (document \(document.name)):") }
                for line in try await ConfigApply(client: self.connection.client).run(document, file: file, dryRun: self.dryRun) {
                    print(documents.count > 1 ? "  \(line)" : line)
                }
            }
        }
    }

    struct Get: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a configuration document applied through the API.")

        @Option(help: "The document (main for a file; the file's name for one applied from a directory).")
        var name: String = "main"

        @Option(name: .shortAndLong, help: "as-applied (default), yaml or json.")
        var output: String = "as-applied"

        @OptionGroup var connection: ControllerOption

        func run() async throws {
            let answer = try await self.connection.client.send(.GET, "/api/v1/config?name=\(self.name)")
            guard answer.status == 200 else { throw AdminError(answer.errorMessage) }
            if let warning = answer.headers["warning"] { FileHandleOutput.standardError("warning: \(warning)") }
            guard ["as-applied", "yaml", "json"].contains(self.output) else { throw ValidationError("-o takes as-applied, yaml or json") }
            let format = answer.headers["content-type"]?.contains("toml") == true ? "toml" : "yaml"
            let document = ConfigurationDocument(provider: "api", name: self.name, format: format, content: answer.body)
            let text = self.output == "as-applied" ? answer.body : try document.rendered(as: self.output)
            print(text, terminator: text.hasSuffix("\n") ? "" : "\n")
        }
    }
}

extension ConfigCommand {
    struct Diff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what applying a file would change (+ added, - removed, ~ changed); exit 1 when something would."
        )

        @Option(name: .shortAndLong, help: "The file (YAML, JSON or TOML).")
        var file: String

        @OptionGroup var connection: ControllerOption

        func run() async throws {
            let document = try ConfigApply.document(at: self.file)
            let lines = try await ConfigApply(client: self.connection.client).run(document, file: self.file, dryRun: true)
            for line in lines.dropLast() { print(line) }
            if lines.first != "No changes." { throw ExitCode(1) }
        }
    }
}

/// `--controller`: which controller's API to use.
struct ControllerOption: ParsableArguments {
    @Option(help: "The controller's API: unix:PATH or http://HOST:PORT (default: this node's socket, else http://127.0.0.1:7440).")
    var controller: String?

    var client: ControllerClient { self.controller.map(ControllerClient.init(address:)) ?? .local() }
}
