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
        // Texts whose words document a variable: searched for the few names in question instead of
        // collecting every word of them into a set.
        var sharedTexts = [document.document.sharedText]
        for block in document.document.sharedBlocks where block.language.isShell {
            guard let analysis = document.blocks[block.location.line] else { continue }
            sharedAssigned.formUnion(analysis.parse.assignedNames)
            sharedTexts.append(Self.comments(block))
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
            var documented: [String]?
            for block in runbook.blocks where block.language.isShell {
                for use in document.blocks[block.location.line]?.parse.variableUses ?? [] {
                    let name = use.name
                    guard !assigned.contains(name), !Self.wellKnown.contains(name), !name.hasPrefix("LC_"),
                        !name.hasPrefix("BASH_"), reported.insert(name).inserted
                    else { continue }
                    if documented == nil {
                        documented = sharedTexts + [runbook.text] + runbook.blocks.map(Self.comments)
                    }
                    if documented?.contains(where: { Self.containsWord($0, name) }) == true { continue }
                    findings.append(
                        finding(
                            SourceLocation(
                                file: block.location.file, line: block.sourceLine(ofScriptLine: use.line),
                                column: use.column),
                            "`$\(name)` is never set or described in runbook '\(runbook.id)'; declare it under `params:` "
                                + "or explain where its value comes from",
                            runbook: runbook))
                }
            }
        }
        return findings
    }

    /// Whether `name` is one of the identifier-like words of `text` (runs of letters, digits and `_`):
    /// an occurrence with no letter, digit or `_` on either side.
    static func containsWord(_ text: String, _ name: String) -> Bool {
        guard !name.isEmpty, name.utf8.allSatisfy(isWordByte) else { return false }
        var text = text
        var name = name
        return text.withUTF8 { haystack in
            name.withUTF8 { needle in
                // A non-empty needle (it has a `first`) always has a base address.
                guard let base = haystack.baseAddress, let needleBase = needle.baseAddress, let first = needle.first,
                    needle.count <= haystack.count
                else {
                    return false
                }
                var offset = 0
                let last = haystack.count - needle.count
                while offset <= last, let found = memchr(base + offset, Int32(first), last - offset + 1) {
                    let position = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    let end = position + needle.count
                    if memcmp(base + position, needleBase, needle.count) == 0,
                        position == 0 || !isWordByte(haystack[position - 1]),
                        end == haystack.count || !isWordByte(haystack[end])
                    {
                        return true
                    }
                    offset = position + 1
                }
                return false
            }
        }
    }

    private static func isWordByte(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
            || byte == 0x5F
    }

    /// The comment lines of a block, where authors document the variables they use.
    static func comments(_ block: CommandBlock) -> String {
        TextLines.join(TextLines.split(block.content).filter(isComment)) + "\n"
    }

    /// Whether `line`, after leading spaces, starts with `#`. Decided on bytes, except when a
    /// non-ASCII byte follows the `#` (a combining mark would make `#` part of another character).
    static func isComment(_ line: Substring) -> Bool {
        let utf8 = line.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex, utf8[index] == UInt8(ascii: " ") { index = utf8.index(after: index) }
        guard index < utf8.endIndex, utf8[index] == UInt8(ascii: "#") else { return false }
        let next = utf8.index(after: index)
        if next < utf8.endIndex, utf8[next] >= 0x80 { return line.drop(while: { $0 == " " }).hasPrefix("#") }
        return true
    }
}
