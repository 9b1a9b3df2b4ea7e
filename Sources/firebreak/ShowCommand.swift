import ArgumentParser
import Foundation
import RunbookLint
import RunbookModel
import ShellAnalysis

/// `firebreak show ID`: one runbook, its sections and steps, each command with its safety class.
struct ShowCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one runbook: metadata, sections, steps, and each command with its safety class.")

    @Argument(help: "Runbook id (case-insensitive), as `firebreak list` shows it.")
    var id: String

    @OptionGroup var catalog: CatalogOptions

    @Flag(
        help:
            "Print JSON: {id, title, file, line, metadata, sections: [{kind, title, line}], steps: [{number, title, line, commands: [{line, language, class, text, alternative}]}], lint: [findings]}."
    )
    var json = false

    @Flag(help: "Print the runbook's Markdown source as written.")
    var markdown = false

    func validate() throws {
        if json && markdown { throw ValidationError("--json and --markdown are exclusive; pick one") }
    }

    func run() throws {
        let report = try catalog.load()
        let runbooks = report.documents.flatMap(\.runbooks)
        guard let runbook = runbooks.first(where: { $0.id.caseInsensitiveCompare(id) == .orderedSame }) else {
            let close = runbooks.map(\.id).filter {
                $0.lowercased().contains(id.lowercased()) || id.lowercased().contains($0.lowercased())
            }
            Output.error(
                "no runbook with id '\(id)'"
                    + (close.isEmpty
                        ? "; `firebreak list` shows the ids"
                        : "; did you mean \(close.prefix(3).joined(separator: ", "))?"))
            throw ExitCode(2)
        }
        if markdown { return Output.standard(try source(of: runbook)) }
        let view = RunbookView(
            runbook: runbook, classifier: CommandClassifier(),
            findings: report.findings.filter { $0.runbook == runbook.id })
        if json { return try JSONOutput.write(view) }
        Output.standard(view.text())
    }

    private func source(of runbook: Runbook) throws -> String {
        let text = try String(contentsOfFile: runbook.file, encoding: .utf8)
        let lines = TextLines.split(text)
        let slice = lines[max(0, runbook.lines.start - 1)..<min(lines.count, runbook.lines.end)]
        return slice.joined(separator: "\n") + "\n"
    }
}

/// What `show` prints: the runbook with every command classified.
struct RunbookView: Encodable {
    struct SectionRow: Encodable {
        var kind: String?
        var title: String
        var line: Int
    }

    struct CommandRow: Encodable {
        var line: Int
        var language: String
        var `class`: String
        var text: String
        var alternative: String?
    }

    struct StepRow: Encodable {
        var number: Int
        var title: String
        var line: Int
        var commands: [CommandRow]
    }

    var id: String
    var title: String?
    var file: String
    var line: Int
    var metadata: RunbookMetadata
    var sections: [SectionRow]
    var steps: [StepRow]
    var lint: [Finding]

    init(runbook: Runbook, classifier: CommandClassifier, findings: [Finding]) {
        id = runbook.id
        title = runbook.title
        file = runbook.file
        line = runbook.location.line
        metadata = runbook.metadata
        sections = runbook.sections.map { SectionRow(kind: $0.kind?.rawValue, title: $0.title, line: $0.location.line) }
        steps = runbook.steps.map { step in
            StepRow(
                number: step.number, title: step.title, line: step.location.line,
                commands: step.blockIndexes.flatMap { Self.commands(runbook.blocks[$0], classifier) })
        }
        lint = findings
    }

    /// One row per command line of a block (continuations joined), classified; SQL blocks by statement verb.
    static func commands(_ block: CommandBlock, _ classifier: CommandClassifier) -> [CommandRow] {
        let scriptLines = TextLines.split(block.script).map(String.init)
        let alternative = { (index: Int) in block.alternatives.first { $0.scriptLines.contains(index) }?.label }
        switch block.language {
        case .shell:
            var worst: [Int: SafetyClass] = [:]
            for (command, assessment) in classifier.assess(script: block.script) {
                if worst[command.line].map({ assessment.safety > $0 }) ?? true {
                    worst[command.line] = assessment.safety
                }
            }
            return worst.keys.sorted().map { index in
                var text = scriptLines[index]
                var next = index
                while text.hasSuffix("\\"), next + 1 < scriptLines.count {
                    next += 1
                    text = String(text.dropLast()) + " " + scriptLines[next].trimmingCharacters(in: .whitespaces)
                }
                return CommandRow(
                    line: block.sourceLine(ofScriptLine: index), language: "shell",
                    class: worst[index]?.rawValue ?? "unknown",
                    text: text.trimmingCharacters(in: .whitespaces), alternative: alternative(index))
            }
        case .sql:
            return [
                CommandRow(
                    line: block.location.line + 1, language: "sql", class: classifier.assessSQL(block.script).rawValue,
                    text: block.script, alternative: nil)
            ]
        default:
            return []
        }
    }

    func text() -> String {
        var output = "\(title ?? "(untitled)")  [\(id)]\n\(file):\(line)\n"
        var facts: [String] = []
        if let severity = metadata.severity {
            facts.append("severity \(severity.rawValue)" + (metadata.severityText.map { " (\($0))" } ?? ""))
        }
        if let mttr = metadata.mttr { facts.append("MTTR target \(mttr.compact)") }
        if !metadata.alerts.isEmpty { facts.append("alerts " + metadata.alerts.joined(separator: ", ")) }
        if let service = metadata.service { facts.append("service \(service)") }
        if !facts.isEmpty { output += facts.joined(separator: " · ") + "\n" }
        output += "\nSections: " + sections.map { $0.kind.map { "\($0)" } ?? $0.title }.joined(separator: ", ") + "\n"
        for step in steps {
            output += "\n\(step.number). \(step.title)  (line \(step.line))\n"
            for command in step.commands {
                let choice = command.alternative.map { "  ⟨\($0)⟩" } ?? ""
                output += "   [\(command.class)] \(command.text)\(choice)\n"
            }
        }
        if !lint.isEmpty {
            output +=
                "\nLint: \(lint.filter { $0.severity == .error }.count) errors, \(lint.filter { $0.severity == .warning }.count) warnings\n"
            for finding in lint {
                output +=
                    "   \(finding.location.line): \(finding.severity.rawValue): \(finding.rule): \(finding.message)\n"
            }
        }
        return output
    }
}
