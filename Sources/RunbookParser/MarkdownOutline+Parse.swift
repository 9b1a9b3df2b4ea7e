import CMarkGFM
import RunbookModel

extension MarkdownOutline {
    /// Parses `text` with cmark-gfm (tables, strikethrough, autolinks, task lists) and flattens the tree.
    /// `lineOffset` is added to every line (the lines taken by front matter).
    static func parse(_ text: String, lineOffset: Int) -> MarkdownOutline {
        CMarkRegistration.ensure()
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else { return MarkdownOutline() }
        defer { cmark_parser_free(parser) }
        for name in ["table", "strikethrough", "autolink", "tasklist"] {
            if let extensionPointer = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, extensionPointer)
            }
        }
        var source = text
        source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        guard let root = cmark_parser_finish(parser) else { return MarkdownOutline() }
        defer { cmark_node_free(root) }
        var walker = OutlineWalker(lineOffset: lineOffset)
        walker.walk(root)
        return walker.outline
    }
}

/// Registers the GFM extensions once per process (cmark's registry is global).
enum CMarkRegistration {
    private static let registered: Bool = {
        cmark_gfm_core_extensions_ensure_registered()
        return true
    }()

    static func ensure() { _ = registered }
}

/// Walks cmark's tree iteratively (deeply nested input must not exhaust the stack).
private struct OutlineWalker {
    let lineOffset: Int
    var outline = MarkdownOutline()

    private var containerDepth = 0
    private var listDepth = 0
    private var quoteDepth = 0
    private var openItems: [Int] = []  // indexes into outline.items still collecting their first text
    private var inline: InlineCollector?
    private var tableRows: [[String]] = []
    private var tableRowLines: [Int] = []
    private var tableLine = 0
    private var inTable = false
    private var linkStack: [(url: String, line: Int, column: Int, isImage: Bool, textStart: Int)] = []

    init(lineOffset: Int) { self.lineOffset = lineOffset }

    mutating func walk(_ root: OpaquePointer) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_ENTER { enter(node) } else { exit(node) }
        }
    }

    private func line(_ node: OpaquePointer) -> Int { Int(cmark_node_get_start_line(node)) + lineOffset }
    private func endLine(_ node: OpaquePointer) -> Int { Int(cmark_node_get_end_line(node)) + lineOffset }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        guard let pointer else { return "" }
        return String(cString: pointer)
    }

    private mutating func noteDepth(_ node: OpaquePointer) {
        let depth = containerDepth + listDepth
        if depth > outline.maximumDepth { outline.maximumDepth = depth }
        if depth > MarkdownOutline.maximumNesting, outline.excessiveNestingLine == nil {
            outline.excessiveNestingLine = line(node)
        }
    }

    private mutating func enter(_ node: OpaquePointer) {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_BLOCK_QUOTE:
            quoteDepth += 1
            containerDepth += 1
            noteDepth(node)
        case CMARK_NODE_LIST:
            listDepth += 1
        case CMARK_NODE_ITEM:
            containerDepth += 1
            noteDepth(node)
            let parent = cmark_node_parent(node)
            let ordered = parent.map { cmark_node_get_list_type($0) == CMARK_ORDERED_LIST } ?? false
            outline.items.append(
                MarkdownOutline.ItemElement(
                    ordered: ordered, line: line(node), endLine: endLine(node), depth: listDepth, text: ""))
            openItems.append(outline.items.count - 1)
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
            inline = InlineCollector(startLine: line(node))
        case CMARK_NODE_CODE_BLOCK:
            enterCode(node)
        case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            inline?.append(Self.string(cmark_node_get_literal(node)))
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            inline?.newLine()
        case CMARK_NODE_STRONG:
            inline?.enterStrong()
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            let start = inline?.currentLength ?? 0
            var linkLine = line(node)
            var column = Int(cmark_node_get_start_column(node))
            if linkLine <= lineOffset, let inline {  // inline positions missing: use the paragraph's
                linkLine = inline.startLine + inline.lineIndex
                column = 1
            }
            linkStack.append(
                (Self.string(cmark_node_get_url(node)), linkLine, max(1, column), type == CMARK_NODE_IMAGE, start))
        default:
            enterExtension(node)
        }
    }

    private mutating func exit(_ node: OpaquePointer) {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_BLOCK_QUOTE:
            quoteDepth -= 1
            containerDepth -= 1
        case CMARK_NODE_LIST:
            listDepth -= 1
        case CMARK_NODE_ITEM:
            containerDepth -= 1
            openItems.removeLast()
        case CMARK_NODE_PARAGRAPH:
            guard let collected = inline else { return }
            inline = nil
            let text = collected.text
            if inTable { return }
            outline.paragraphs.append(
                MarkdownOutline.ParagraphElement(
                    text: text, line: line(node), endLine: endLine(node), labels: collected.labels,
                    inQuote: quoteDepth > 0))
            outline.prose.append((line(node), text))
            if let index = openItems.last, outline.items[index].text.isEmpty { outline.items[index].text = text }
        case CMARK_NODE_HEADING:
            guard let collected = inline else { return }
            inline = nil
            outline.headings.append(
                MarkdownOutline.HeadingElement(
                    level: Int(cmark_node_get_heading_level(node)), text: collected.text, line: line(node),
                    column: Int(cmark_node_get_start_column(node)), depth: containerDepth))
            outline.prose.append((line(node), collected.text))
        case CMARK_NODE_STRONG:
            inline?.exitStrong()
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            guard let link = linkStack.popLast() else { return }
            let text = inline?.text(from: link.textStart) ?? ""
            outline.links.append(
                MarkdownOutline.LinkElement(
                    url: link.url, text: text, line: link.line, column: link.column, isImage: link.isImage))
        default:
            exitExtension(node)
        }
    }

    private mutating func enterCode(_ node: OpaquePointer) {
        var length: Int32 = 0
        var offset: Int32 = 0
        var character: CChar = 0
        let fenced = cmark_node_get_fenced(node, &length, &offset, &character) != 0 && length > 0
        let literal = Self.string(cmark_node_get_literal(node))
        if fenced {
            outline.codeBlocks.append(
                MarkdownOutline.CodeElement(
                    info: Self.string(cmark_node_get_fence_info(node)), literal: literal, line: line(node),
                    endLine: endLine(node), column: Int(cmark_node_get_start_column(node)),
                    fenceCharacter: UInt8(bitPattern: character), fenceLength: Int(length)))
        } else {
            outline.prose.append((line(node), literal))
        }
    }

    private mutating func enterExtension(_ node: OpaquePointer) {
        switch Self.string(cmark_node_get_type_string(node)) {
        case "table":
            inTable = true
            tableRows = []
            tableRowLines = []
            tableLine = line(node)
        case "table_row", "table_header":
            tableRows.append([])
            tableRowLines.append(line(node))
        case "table_cell":
            inline = InlineCollector(startLine: line(node))
        default:
            break
        }
    }

    private mutating func exitExtension(_ node: OpaquePointer) {
        switch Self.string(cmark_node_get_type_string(node)) {
        case "table":
            inTable = false
            outline.tables.append(
                MarkdownOutline.TableElement(line: tableLine, rows: tableRows, rowLines: tableRowLines))
            for (row, rowLine) in zip(tableRows, tableRowLines) {
                outline.prose.append((rowLine, row.joined(separator: " | ")))
            }
        case "table_cell":
            let text = inline?.text ?? ""
            inline = nil
            if !tableRows.isEmpty { tableRows[tableRows.count - 1].append(text) }
        default:
            break
        }
    }
}
