import ArgumentParser
import Foundation
import TEEAdmin

/// `teeadm token`: join tokens, `id.secret`, each for one role and with a lifetime.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and delete join tokens and dashboard tokens.",
        subcommands: [Create.self, List.self, Delete.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token for one role; prints it once.")

        @Option(help: "controller, proxy or mesh (a join token), or dashboard (signs in to the web dashboard and reads the API).")
        var role: String
        @Option(help: "How long it stays valid (Go duration: 30m, 24h, 168h).") var ttl: String = "24h"
        @Option(help: "A note shown by token list.") var description: String?
        @OptionGroup var connection: ControllerOption

        func run() async throws {
            var body: [String: String] = ["role": self.role, "ttl": self.ttl]
            body["description"] = self.description
            let json = String(decoding: try JSONSerialization.data(withJSONObject: body), as: UTF8.self)
            let answer = try await self.connection.client.send(.POST, "/api/v1/tokens", body: json, headers: ["Content-Type": "application/json"])
            guard answer.status == 201, let object = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any],
                  let token = object["token"] as? String else {
                throw AdminError("the controller refused the token (\(answer.status)): \(answer.errorMessage)")
            }
            print(token)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List join tokens (never their secrets).")
        @OptionGroup var output: OutputOption
        @OptionGroup var connection: ControllerOption

        func run() async throws {
            let answer = try await self.connection.client.send(.GET, "/api/v1/tokens")
            guard answer.status == 200 else { throw AdminError(answer.errorMessage) }
            if self.output.json { return print(answer.body) }
            let object = try? JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any]
            let tokens = object?["tokens"] as? [[String: Any]] ?? []
            var rows = [["ID", "ROLE", "EXPIRES", "DESCRIPTION"]]
            for token in tokens {
                let expires = Date(timeIntervalSince1970: token["expires"] as? Double ?? 0)
                let state = (token["expired"] as? Bool ?? false) ? " (expired)" : ""
                rows.append([token["id"] as? String ?? "", token["role"] as? String ?? "",
                             ISO8601DateFormatter().string(from: expires) + state, token["description"] as? String ?? ""])
            }
            print(Table(rows: rows).text)
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a join token.")
        @Argument(help: "The token's id (the part before the dot).") var id: String
        @OptionGroup var connection: ControllerOption

        func run() async throws {
            let answer = try await self.connection.client.send(.DELETE, "/api/v1/tokens/\(self.id)")
            guard answer.status == 200 else { throw AdminError(answer.errorMessage) }
            print("Deleted join token \(self.id).")
        }
    }
}

/// `-o json|table`.
struct OutputOption: ParsableArguments {
    @Option(name: .shortAndLong, help: "table (default) or json.")
    var output: String = "table"

    var json: Bool { self.output == "json" }

    func validate() throws {
        guard ["table", "json"].contains(self.output) else { throw ValidationError("-o takes table or json") }
    }
}
