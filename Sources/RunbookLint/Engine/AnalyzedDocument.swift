import RunbookCatalog
import RunbookModel
import ShellAnalysis

/// What shell analysis found in one shell block, computed once and shared by the rules.
struct BlockAnalysis: Sendable {
    /// The script with placeholders rewritten to `"${NAME}"`, as `bash -n` and `firebreak run` see it.
    var checkedScript: String
    var parse: ShellParse
    var commands: [(command: SimpleCommand, assessment: CommandAssessment)]
    var placeholders: [Placeholder]
}

/// A parsed document with its shell blocks analysed; blocks are keyed by their fence line.
struct AnalyzedDocument: Sendable {
    var document: RunbookDocument
    /// `document.allBlocks`, computed once: the engine and most rules walk it, and it is built and sorted per call.
    let allBlocks: [(block: CommandBlock, runbook: Runbook?, index: Int)]
    var blocks: [Int: BlockAnalysis]
    /// `bash -n`/shellcheck results per fence line, filled by the engine.
    var shellIssues: [Int: [ShellSyntaxIssue]] = [:]
    /// Findings of the content-only rules, from the findings cache; nil when they must be computed.
    var cachedFindings: [Finding]?
    /// Terminated shell blocks of a cached document (whose `document` may be an outline without blocks).
    var cachedShellBlocks = 0

    /// A document whose content-only findings came from the cache: its blocks are not analysed again.
    init(document: RunbookDocument, cached: FindingsCache.Entry) {
        self.document = document
        allBlocks = document.allBlocks
        blocks = [:]
        cachedFindings = cached.findings
        cachedShellBlocks = cached.shellBlocks
    }

    init(document: RunbookDocument, classifier: CommandClassifier) {
        self.document = document
        allBlocks = document.allBlocks
        var blocks: [Int: BlockAnalysis] = [:]
        for (block, _, _) in allBlocks {
            do {
                guard block.language.isShell && blocks[block.location.line] == nil else { continue }
                let parse = ShellParser.parse(block.script)
                let (rewritten, placeholders) = Placeholders.rewrite(block.script, parsed: parse)
                let commands = parse.commands.map { ($0, classifier.assess($0)) }
                blocks[block.location.line] = BlockAnalysis(
                    checkedScript: rewritten, parse: parse, commands: commands, placeholders: placeholders)
            }
        }
        self.blocks = blocks
    }

    /// The scripts `bash -n` checks, in block order: one per terminated shell block, by fence line.
    var checkedScripts: [(line: Int, script: String)] {
        var seen = Set<Int>()
        var scripts: [(line: Int, script: String)] = []
        for (block, _, _) in allBlocks where block.language.isShell && !block.unterminated {
            guard let analysis = blocks[block.location.line], seen.insert(block.location.line).inserted else {
                continue
            }
            scripts.append((block.location.line, analysis.checkedScript))
        }
        return scripts
    }
}

/// Everything tree rules look at.
struct AnalyzedTree: Sendable {
    var documents: [AnalyzedDocument]
    var alerts: [AlertRule]
    var linkage: AlertCoverage
}
