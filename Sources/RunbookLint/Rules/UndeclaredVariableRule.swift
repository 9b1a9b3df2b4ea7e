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
        var sharedWords = Set<Substring>()
        Self.collectWords(document.document.sharedText, into: &sharedWords)
        for block in document.document.sharedBlocks where block.language.isShell {
            guard let analysis = document.blocks[block.location.line] else { continue }
            sharedAssigned.formUnion(analysis.parse.assignedNames)
            Self.collectWords(Self.comments(block), into: &sharedWords)
        }
        for runbook in document.document.runbooks {
            var assigned = Set(runbook.metadata.params.map(\.name)).union(sharedAssigned)
            for block in runbook.blocks where block.language.isShell {
                guard let analysis = document.blocks[block.location.line] else { continue }
                assigned.formUnion(analysis.parse.assignedNames)
                assigned.formUnion(analysis.placeholders.map(\.variable))
            }
            var reported = Set<String>()
            // Words of the prose and of the blocks' comments: a variable named there is documented. Built lazily,
            // only for runbooks that use an unassigned variable.
            var documented: Set<Substring>?
            for block in runbook.blocks where block.language.isShell {
                for use in document.blocks[block.location.line]?.parse.variableUses ?? [] {
                    let name = use.name
                    guard !assigned.contains(name), !Self.wellKnown.contains(name), !name.hasPrefix("LC_"),
                        !name.hasPrefix("BASH_"), reported.insert(name).inserted
                    else { continue }
                    if documented == nil {
                        var words = sharedWords
                        Self.collectWords(runbook.text, into: &words)
                        for block in runbook.blocks { Self.collectWords(Self.comments(block), into: &words) }
                        documented = words
                    }
                    if documented?.contains(Substring(name)) == true { continue }
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

    /// Adds the identifier-like words of `text` (letters, digits, `_`) to `words`.
    static func collectWords(_ text: String, into words: inout Set<Substring>) {
        let utf8 = text.utf8
        var start: String.Index?
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            let isWord = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || byte == 0x5F
            if isWord {
                if start == nil { start = index }
            } else if let first = start {
                words.insert(text[first..<index])
                start = nil
            }
            index = utf8.index(after: index)
        }
        if let first = start { words.insert(text[first...]) }
    }

    /// The comment lines of a block, where authors document the variables they use.
    static func comments(_ block: CommandBlock) -> String {
        TextLines.split(block.content).filter { $0.drop(while: { $0 == " " }).hasPrefix("#") }.joined(separator: "\n") + "\n"
    }
}
