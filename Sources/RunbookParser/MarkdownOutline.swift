import RunbookModel

/// The parts of a Markdown document that runbook parsing needs, flattened in document order,
/// each with its source lines. Built from cmark-gfm's tree by `MarkdownOutline.parse`.
struct MarkdownOutline {
    struct HeadingElement {
        var level: Int
        var text: String
        var line: Int
        var column: Int
        var depth: Int  // containers (list items, block quotes) around it; 0 at top level
    }

    /// One line of a paragraph that starts with bold text: `**Severity**: High`.
    struct LabelLine {
        var label: String
        var value: String
        var line: Int
    }

    struct ParagraphElement {
        var text: String
        var line: Int
        var endLine: Int
        var labels: [LabelLine]
        var inQuote: Bool
    }

    struct CodeElement {
        var info: String
        var literal: String
        var line: Int
        var endLine: Int
        var column: Int
        var fenceCharacter: UInt8
        var fenceLength: Int
    }

    struct ItemElement {
        var ordered: Bool
        var line: Int
        var endLine: Int
        var depth: Int  // 1 for a top-level list's items
        var text: String  // first paragraph of the item
    }

    struct TableElement {
        var line: Int
        var rows: [[String]]  // first row is the header
        var rowLines: [Int]
    }

    struct LinkElement {
        var url: String
        var text: String
        var line: Int
        var column: Int
        var isImage: Bool
    }

    var headings: [HeadingElement] = []
    var paragraphs: [ParagraphElement] = []
    var codeBlocks: [CodeElement] = []
    var items: [ItemElement] = []
    var tables: [TableElement] = []
    var links: [LinkElement] = []
    /// Lines with text (paragraphs, headings, table rows, list text) for section and step prose, in order.
    var prose: [(line: Int, text: String)] = []
    /// The first line where lists and block quotes nest deeper than `maximumNesting`, if any.
    var excessiveNestingLine: Int?
    /// Deepest nesting of lists and block quotes seen.
    var maximumDepth = 0
    /// Nesting deeper than this is reported: no runbook needs it, and it usually means generated or corrupted text.
    static let maximumNesting = 64
}
