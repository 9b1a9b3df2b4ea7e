import Foundation
import RunbookModel

/// The findings cache's line format. After the fingerprint line, each file is a block of tab-separated lines:
///
///     F  file  hash  shell-blocks
///     f  rule  severity  line  column  runbook  message                  (a finding)
///     h  line  column  anchor                                            (a heading)
///     l  line  column  target                                            (a link)
///     r  line  column  first-line  last-line  id  file  anchor  last-reviewed  review-every  alert…   (a runbook)
///
/// Text fields escape tab, newline and backslash; optional fields are empty for nil and `=value` otherwise.
extension FindingsCache {
    /// The part of a parsed document the rules run on every pass read: what `outline` keeps must cover every
    /// field `BrokenLinkRule`, `StaleRule`, `DuplicateIDRule` and `AlertCoverage` look at.
    static func outline(of document: RunbookDocument) -> RunbookDocument {
        let runbooks = document.runbooks.map { runbook in
            var metadata = RunbookMetadata()
            metadata.alerts = runbook.metadata.alerts
            metadata.lastReviewed = runbook.metadata.lastReviewed
            metadata.reviewEvery = runbook.metadata.reviewEvery
            return Runbook(
                id: runbook.id, title: nil, file: runbook.file, anchor: runbook.anchor, lines: runbook.lines,
                location: runbook.location, metadata: metadata, sections: [], steps: [], blocks: [], text: "",
                hasFrontMatter: false)
        }
        let headings = document.headings.map { Heading(level: 1, text: "", anchor: $0.anchor, location: $0.location) }
        let links = document.links.map { Link(target: $0.target, text: "", location: $0.location, isImage: false) }
        return RunbookDocument(
            file: document.file, runbooks: runbooks, headings: headings, links: links, diagnostics: [], lineCount: 0)
    }

    static func encode(_ entry: Entry, file: String, into text: inout String) {
        text += "F\t\(escape(file))\t\(entry.hash)\t\(entry.shellBlocks)\n"
        for finding in entry.findings where finding.location.file == file {
            text +=
                "f\t\(finding.rule)\t\(finding.severity.rawValue)\t\(finding.location.line)\t\(finding.location.column)\t"
                + "\(escape(finding.runbook ?? ""))\t\(escape(finding.message))\n"
        }
        for heading in entry.outline.headings {
            text += "h\t\(heading.location.line)\t\(heading.location.column)\t\(escape(heading.anchor))\n"
        }
        for link in entry.outline.links {
            text += "l\t\(link.location.line)\t\(link.location.column)\t\(escape(link.target))\n"
        }
        for runbook in entry.outline.runbooks {
            let metadata = runbook.metadata
            text +=
                "r\t\(runbook.location.line)\t\(runbook.location.column)\t\(runbook.lines.start)\t\(runbook.lines.end)\t"
                + "\(escape(runbook.id))\t\(escape(runbook.file))\t\(optional(runbook.anchor))\t\(optional(metadata.lastReviewed))\t"
                + "\(optional(metadata.reviewEvery.map { String($0.seconds) }))"
            for alert in metadata.alerts { text += "\t" + escape(alert) }
            text += "\n"
        }
    }

    /// The entries of a cache file, or nil when it is from another fingerprint or damaged. Read on bytes: a warm
    /// run reads thousands of these lines, and splitting them as Strings was a large part of it.
    static func decode(_ bytes: [UInt8], fingerprint: String) -> [String: Entry]? {
        bytes.withUnsafeBufferPointer { buffer in decode(buffer, fingerprint: fingerprint) }
    }

    private static func decode(_ buffer: UnsafeBufferPointer<UInt8>, fingerprint: String) -> [String: Entry]? {
        var fields = CacheLineFields(buffer: buffer)
        var position = fields.nextLine(from: 0)
        guard fields.count == 1, fields.text(0) == fingerprint else { return nil }
        var entries: [String: Entry] = [:]
        var current: (file: String, entry: Entry)?
        while position < buffer.count {
            position = fields.nextLine(from: position)
            if fields.count == 1 && fields.isEmpty(0) { continue }
            let tag = fields.tag
            if tag == UInt8(ascii: "F") {
                guard fields.count == 4, let shellBlocks = fields.int(3) else { return nil }
                if let current { entries[current.file] = current.entry }
                let file = fields.text(1)
                let outline = RunbookDocument(
                    file: file, runbooks: [], headings: [], links: [], diagnostics: [], lineCount: 0)
                current = (file, Entry(hash: fields.text(2), findings: [], outline: outline, shellBlocks: shellBlocks))
                continue
            }
            guard let file = current?.file, fields.count >= 4 else { return nil }
            if tag == UInt8(ascii: "f") {
                guard fields.count == 7, let severity = FindingSeverity(rawValue: fields.text(2)),
                    let findingLine = fields.int(3),
                    let findingColumn = fields.int(4)
                else { return nil }
                current?.entry.findings.append(
                    Finding(
                        rule: fields.text(1), severity: severity,
                        location: SourceLocation(file: file, line: findingLine, column: findingColumn),
                        message: fields.text(6), runbook: fields.isEmpty(5) ? nil : fields.text(5)))
                continue
            }
            guard let lineNumber = fields.int(1), let column = fields.int(2) else { return nil }
            let location = SourceLocation(file: file, line: lineNumber, column: column)
            switch tag {
            case UInt8(ascii: "h"):
                guard fields.count == 4 else { return nil }
                current?.entry.outline.headings.append(
                    Heading(level: 1, text: "", anchor: fields.text(3), location: location))
            case UInt8(ascii: "l"):
                guard fields.count == 4 else { return nil }
                current?.entry.outline.links.append(
                    Link(target: fields.text(3), text: "", location: location, isImage: false))
            case UInt8(ascii: "r"):
                guard fields.count >= 10, let start = fields.int(3), let end = fields.int(4) else { return nil }
                var metadata = RunbookMetadata()
                metadata.lastReviewed = fields.optionalText(8)
                if let seconds = fields.optionalText(9) {
                    guard let value = Int(seconds) else { return nil }
                    metadata.reviewEvery = DurationSeconds(seconds: value)
                }
                metadata.alerts = (10..<fields.count).map { fields.text($0) }
                current?.entry.outline.runbooks.append(
                    Runbook(
                        id: fields.text(5), title: nil, file: fields.text(6), anchor: fields.optionalText(7),
                        lines: LineRange(start: start, end: end), location: location, metadata: metadata, sections: [],
                        steps: [],
                        blocks: [], text: "", hasFrontMatter: false))
            default:
                return nil
            }
        }
        if let current { entries[current.file] = current.entry }
        return entries
    }

    /// Tab, newline and backslash as `\t`, `\n`, `\\`; on bytes, so that no grapheme cluster hides one.
    static func escape(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x5C }) else { return text }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 8)
        for byte in text.utf8 {
            switch byte {
            case 0x09: bytes += [0x5C, UInt8(ascii: "t")]
            case 0x0A: bytes += [0x5C, UInt8(ascii: "n")]
            case 0x5C: bytes += [0x5C, 0x5C]
            default: bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func optional(_ value: String?) -> String { value.map { "=" + escape($0) } ?? "" }

}

/// The tab-separated fields of one line of the cache file, as byte ranges of the whole file.
private struct CacheLineFields {
    let buffer: UnsafeBufferPointer<UInt8>
    private var ranges: [Range<Int>] = []

    init(buffer: UnsafeBufferPointer<UInt8>) { self.buffer = buffer }

    var count: Int { ranges.count }
    /// The first byte of the line (0 for an empty line).
    var tag: UInt8 { ranges[0].isEmpty ? 0 : buffer[ranges[0].lowerBound] }

    /// Splits the line starting at `start` into fields; returns where the next line starts.
    mutating func nextLine(from start: Int) -> Int {
        ranges.removeAll(keepingCapacity: true)
        var fieldStart = start
        var index = start
        while index < buffer.count {
            let byte = buffer[index]
            if byte == 0x0A { break }
            if byte == 0x09 {
                ranges.append(fieldStart..<index)
                fieldStart = index + 1
            }
            index += 1
        }
        ranges.append(fieldStart..<index)
        return index + 1
    }

    func isEmpty(_ field: Int) -> Bool { ranges[field].isEmpty }

    /// A non-negative decimal number.
    func int(_ field: Int) -> Int? {
        let range = ranges[field]
        guard !range.isEmpty, range.count < 19 else { return nil }
        var value = 0
        for index in range {
            let digit = buffer[index] &- 0x30
            guard digit < 10 else { return nil }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// The field's text with `\t`, `\n` and `\\` undone.
    func text(_ field: Int) -> String { Self.unescape(UnsafeBufferPointer(rebasing: buffer[ranges[field]])) }

    /// nil for an empty field; the text after the leading `=` otherwise.
    func optionalText(_ field: Int) -> String? {
        let range = ranges[field]
        return range.isEmpty
            ? nil : Self.unescape(UnsafeBufferPointer(rebasing: buffer[(range.lowerBound + 1)..<range.upperBound]))
    }

    private static func unescape(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        guard bytes.contains(0x5C) else { return String(decoding: bytes, as: UTF8.self) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var escaped = false
        for byte in bytes {
            if escaped {
                result.append(byte == UInt8(ascii: "t") ? 0x09 : byte == UInt8(ascii: "n") ? 0x0A : byte)
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else {
                result.append(byte)
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
