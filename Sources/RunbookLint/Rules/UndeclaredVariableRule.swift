import Foundation
import RunbookModel
import ShellAnalysis

/// `undeclared-variable`: a `$VARIABLE` that no block sets, no `params:` declares and no prose explains.
struct UndeclaredVariableRule: DocumentLintRule {
    static let description = LintRuleDescription(
        id: "undeclared-variable", defaultSeverity: .warning, summary: "Variable is used but never declared",
        help: "A command uses `$NAME` but nothing in the runbook sets or explains it, so whoever runs it must guess. "
            + "Declare it under front matter `params:`, set it in an earlier block, or describe it in the text.")

    /// Variables every shell or operator environment has.
    static let wellKnown: Set<String> = [
        "HOME", "PATH", "USER", "PWD", "OLDPWD", "SHELL", "HOSTNAME", "RANDOM", "LINENO", "SECONDS", "UID", "EUID",
        "PPID", "TERM", "LANG", "TMPDIR", "IFS", "EDITOR", "PAGER", "KUBECONFIG", "LOGNAME", "REPLY", "OPTARG",
        "OPTIND", "BASH_SOURCE", "BASH_VERSION", "FUNCNAME", "PIPESTATUS", "HOSTTYPE", "OSTYPE", "EPOCHSECONDS",
    ]

    func check(_ document: AnalyzedDocument, _ context: LintContext) -> [Finding] {
        var findings: [Finding] = []
        // Setup shared by every runbook of a document (its preamble) counts for each of them.
        var sharedAssigned = Set<String>()
        var sharedComments = document.document.sharedText + "\n"
        for block in document.document.sharedBlocks where block.language.isShell {
            guard let analysis = document.blocks[block.location.line] else { continue }
            sharedAssigned.formUnion(analysis.parse.assignedNames)
            sharedComments += Self.comments(block)
        }
        for runbook in document.document.runbooks {
            var assigned = Set(runbook.metadata.params.map(\.name)).union(sharedAssigned)
            var comments = sharedComments
            for block in runbook.blocks where block.language.isShell {
                guard let analysis = document.blocks[block.location.line] else { continue }
                assigned.formUnion(analysis.parse.assignedNames)
                assigned.formUnion(analysis.placeholders.map(\.variable))
                comments += Self.comments(block)
            }
            var reported = Set<String>()
            for block in runbook.blocks where block.language.isShell {
                for use in document.blocks[block.location.line]?.parse.variableUses ?? [] {
                    let name = use.name
                    guard !assigned.contains(name), !Self.wellKnown.contains(name), !name.hasPrefix("LC_"),
                        !name.hasPrefix("BASH_"), reported.insert(name).inserted
                    else { continue }
                    if Self.mentions(runbook.text, name) || Self.mentions(comments, name) { continue }
                    findings.append(
                        finding(
                            SourceLocation(file: block.location.file, line: block.sourceLine(ofScriptLine: use.line), column: use.column),
                            "`$\(name)` is never set or described in runbook '\(runbook.id)'; declare it under `params:` "
                                + "or explain where its value comes from",
                            runbook: runbook))
                }
            }
        }
        return findings
    }

    /// The comment lines of a block, where authors document the variables they use.
    static func comments(_ block: CommandBlock) -> String {
        block.content.split(separator: "\n").filter { $0.drop(while: { $0 == " " }).hasPrefix("#") }.joined(separator: "\n") + "\n"
    }

    /// Whether `text` names the variable as a word (`NAMESPACE`, `$NAMESPACE`, `` `NAMESPACE` ``).
    static func mentions(_ text: String, _ name: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let found = text.range(of: name, range: searchRange) {
            let before = found.lowerBound > text.startIndex ? text[text.index(before: found.lowerBound)] : " "
            let after = found.upperBound < text.endIndex ? text[found.upperBound] : " "
            let isWordChar: (Character) -> Bool = { $0.isLetter || $0.isNumber || $0 == "_" }
            if !isWordChar(before) && !isWordChar(after) { return true }
            searchRange = found.upperBound..<text.endIndex
        }
        return false
    }
}
