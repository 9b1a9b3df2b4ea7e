import ArgumentParser
import FirebreakServer
import Foundation
import Logging
import Storage

/// `firebreak token create|list|revoke`: API tokens, stored hashed.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Create, list and revoke API tokens (the secret is printed once, stored only as a hash).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print its secret once on standard output.")

        @OptionGroup var options: ServerOptions

        @Option(help: "Unique name, shown as the actor on timelines (letters, digits, - _ . @).")
        var name: String

        @Option(help: "viewer (reads), responder (acts on incidents), admin (everything), ingest (posts alerts).")
        var role: String

        @Flag(
            name: .customLong("if-missing"), help: "Do nothing (and print nothing) when a token with this name exists.")
        var ifMissing = false

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw ValidationError("--role must be viewer, responder, admin or ingest (got '\(role)')")
            }
        }

        func run() async throws {
            try await withStore(options) { store in
                if ifMissing, try await store.tokens().contains(where: { $0.name == name && $0.revokedAt == nil }) {
                    return
                }
                let (_, secret) = try await TokenIssuer(store: store).issue(name: name, role: role)
                Output.standard(secret + "\n")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List tokens: id, name, role, created, revoked (never secrets).")

        @OptionGroup var options: ServerOptions

        @Flag(help: "Print JSON: an array of {id, name, role, createdAt, revokedAt}.")
        var json = false

        func run() async throws {
            try await withStore(options) { store in
                let tokens = try await store.tokens()
                if json {
                    struct Row: Encodable {
                        var id: Int64
                        var name: String
                        var role: String
                        var createdAt: Date
                        var revokedAt: Date?
                    }
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
                    encoder.dateEncodingStrategy = .iso8601
                    let rows = tokens.map {
                        Row(
                            id: $0.id, name: $0.name, role: $0.role.rawValue, createdAt: $0.createdAt,
                            revokedAt: $0.revokedAt)
                    }
                    Output.standard(String(decoding: try encoder.encode(rows), as: UTF8.self) + "\n")
                    return
                }
                let formatter = ISO8601DateFormatter()
                for token in tokens {
                    let revoked = token.revokedAt.map { "  revoked \(formatter.string(from: $0))" } ?? ""
                    Output.standard(
                        "\(token.id)\t\(token.name)\t\(token.role.rawValue)\tcreated \(formatter.string(from: token.createdAt))\(revoked)\n"
                    )
                }
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Revoke a token by id or name; it stops working at once (within 5 s on running servers).")

        @OptionGroup var options: ServerOptions

        @Argument(help: "The token's id or name, as `firebreak token list` shows it.")
        var token: String

        func run() async throws {
            try await withStore(options) { store in
                let tokens = try await store.tokens()
                guard
                    let match = tokens.first(where: { String($0.id) == token })
                        ?? tokens.first(where: { $0.name == token })
                else {
                    Output.error("no token with id or name '\(token)'; `firebreak token list` shows them")
                    throw ExitCode(2)
                }
                try await store.revokeToken(id: match.id, at: Date())
                Output.standard("revoked token \(match.id) (\(match.name))\n")
            }
        }
    }
}

/// Opens the store, runs `body`, closes the store; store errors exit with status 2 and a message.
private func withStore(_ options: ServerOptions, _ body: (any FirebreakStore) async throws -> Void) async throws {
    var logger = Logger(label: "firebreak")
    logger.logLevel = .warning
    let (config, _) = try options.loadConfig()
    let store = try await options.openStore(config, logger: logger)
    do {
        try await body(store)
        try await store.close()
    } catch let exit as ExitCode {
        try? await store.close()
        throw exit
    } catch {
        try? await store.close()
        Output.error("\(error)")
        throw ExitCode(2)
    }
}
