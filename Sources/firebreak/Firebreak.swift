import ArgumentParser
import Foundation

/// The `firebreak` command line: one subcommand per file.
struct Firebreak: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firebreak",
        abstract: "Runbooks that are checked, findable, runnable and accountable.",
        version: FirebreakVersion.current,
        subcommands: [
            LintCommand.self, ListCommand.self, ShowCommand.self, SearchCommand.self, ImportCommand.self,
            CardCommand.self,
            CoverageCommand.self, ParseCommand.self, RunCommand.self, RunsCommand.self, ServeCommand.self,
            TokenCommand.self,
        ])
}

/// Entry point: usage errors exit with status 2 (the documented contract), not ArgumentParser's 64.
@main
enum Main {
    static func main() async {
        do {
            var command = try Firebreak.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if Firebreak.exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((Firebreak.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            Firebreak.exit(withError: error)
        }
    }
}
