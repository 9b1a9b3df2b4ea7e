import ArgumentParser

@main
struct Firebreak: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "firebreak",
        abstract: "Runbooks that are checked, findable, runnable and accountable.",
        version: FirebreakVersion.current,
        subcommands: [LintCommand.self, ParseCommand.self])
}
