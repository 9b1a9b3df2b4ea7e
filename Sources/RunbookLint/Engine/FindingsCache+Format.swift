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
                location: runbook.location, metadata: metadata, sections: [], steps: [], blocks: [], text: "", hasFrontMatter: false)
        }
        let headings = document.headings.map { Heading(level: 1, text: "", anchor: $0.anchor, location: $0.location) }
        let links = document.links.map { Link(target: $0.target, text: "", location: $0.location, isImage: false) }
        return RunbookDocument(file: document.file, runbooks: runbooks, headings: headings, links: links, diagnostics: [], lineCount: 0)
    }

    static func encode(_ entry: Entry, file: String, into text: inout String) {
        text += "F\t\(escape(file))\t\(entry.hash)\t\(entry.shellBlocks)\n"
        for finding in entry.findings where finding.location.file == file {
            text += "f\t\(finding.rule)\t\(finding.severity.rawValue)\t\(finding.location.line)\t\(finding.location.column)\t"
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
            text += "r\t\(runbook.location.line)\t\(runbook.location.column)\t\(runbook.lines.start)\t\(runbook.lines.end)\t"
                + "\(escape(runbook.id))\t\(escape(runbook.file))\t\(optional(runbook.anchor))\t\(optional(metadata.lastReviewed))\t"
                + "\(optional(metadata.reviewEvery.map { String($0.seconds) }))"
            for alert in metadata.alerts { text += "\t" + escape(alert) }
            text += "\n"
        }
    }

    /// The entries of a cache file, or nil when it is from another fingerprint or damaged.
    static func decode(_ text: String, fingerprint: String) -> [String: Entry]? {
        let lines = TextLines.split(text)
        guard let header = lines.first, unescape(header) == fingerprint else { return nil }
        var entries: [String: Entry] = [:]
        var current: (file: String, entry: Entry)?
        for line in lines.dropFirst() where !line.isEmpty {
            let fields = line.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { Substring($0) }
            if fields[0] == "F" {
                guard fields.count == 4, let shellBlocks = Int(fields[3]) else { return nil }
                if let current { entries[current.file] = current.entry }
                let file = unescape(fields[1])
                let outline = RunbookDocument(file: file, runbooks: [], headings: [], links: [], diagnostics: [], lineCount: 0)
                current = (file, Entry(hash: String(fields[2]), findings: [], outline: outline, shellBlocks: shellBlocks))
                continue
            }
            guard let file = current?.file, fields.count >= 4 else { return nil }
            if fields[0] == "f" {
                guard fields.count == 7, let severity = FindingSeverity(rawValue: String(fields[2])), let findingLine = Int(fields[3]),
                    let findingColumn = Int(fields[4])
                else { return nil }
                current?.entry.findings.append(
                    Finding(
                        rule: String(fields[1]), severity: severity, location: SourceLocation(file: file, line: findingLine, column: findingColumn),
                        message: unescape(fields[6]), runbook: fields[5].isEmpty ? nil : unescape(fields[5])))
                continue
            }
            guard let lineNumber = Int(fields[1]), let column = Int(fields[2]) else { return nil }
            let location = SourceLocation(file: file, line: lineNumber, column: column)
            switch fields[0] {
            case "h":
                guard fields.count == 4 else { return nil }
                current?.entry.outline.headings.append(Heading(level: 1, text: "", anchor: unescape(fields[3]), location: location))
            case "l":
                guard fields.count == 4 else { return nil }
                current?.entry.outline.links.append(Link(target: unescape(fields[3]), text: "", location: location, isImage: false))
            case "r":
                guard fields.count >= 10, let start = Int(fields[3]), let end = Int(fields[4]) else { return nil }
                var metadata = RunbookMetadata()
                metadata.lastReviewed = optional(fields[8])
                if let seconds = optional(fields[9]) {
                    guard let value = Int(seconds) else { return nil }
                    metadata.reviewEvery = DurationSeconds(seconds: value)
                }
                metadata.alerts = fields[10...].map(unescape)
                current?.entry.outline.runbooks.append(
                    Runbook(
                        id: unescape(fields[5]), title: nil, file: unescape(fields[6]), anchor: optional(fields[7]),
                        lines: LineRange(start: start, end: end), location: location, metadata: metadata, sections: [], steps: [],
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

    static func unescape(_ text: Substring) -> String {
        guard text.utf8.contains(0x5C) else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var escaped = false
        for byte in text.utf8 {
            if escaped {
                bytes.append(byte == UInt8(ascii: "t") ? 0x09 : byte == UInt8(ascii: "n") ? 0x0A : byte)
                escaped = false
            } else if byte == 0x5C {
                escaped = true
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func optional(_ value: String?) -> String { value.map { "=" + escape($0) } ?? "" }

    private static func optional(_ field: Substring) -> String? { field.isEmpty ? nil : unescape(field.dropFirst()) }
}
