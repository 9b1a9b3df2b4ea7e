import Foundation

/// The cache file's text form: a header with the tool key, one line per script (its hash,
/// then each issue as six fields), and a count line.
///
/// ```
/// firebreak-shell-syntax-cache 1<TAB><tool key>
/// <64 hex digits>                                  a clean script
/// <64 hex digits><TAB><issue><TAB><issue>…         issue: line␟column␟level␟tool␟code␟message
/// end<TAB><number of script lines>
/// ```
///
/// Tabs, newlines, backslashes and the field separator inside texts are backslash-escaped.
extension ShellSyntaxCache {
    static let formatLine = "firebreak-shell-syntax-cache 1"

    /// The file text; called with the lock held.
    func encode() -> String {
        var keys = entries.keys.filter { touched.contains($0) }
        if keys.count < maximumEntries {
            keys.append(contentsOf: entries.keys.filter { !touched.contains($0) }.prefix(maximumEntries - keys.count))
        } else {
            keys = Array(keys.prefix(maximumEntries))
        }
        var out = Self.formatLine + "\t" + Self.escape(toolKey) + "\n"
        out.reserveCapacity(keys.count * 70)
        for key in keys {
            out += key.hex
            for issue in entries[key] ?? [] {
                out += "\t"
                out += [
                    String(issue.line), String(issue.column), Self.escape(issue.level), Self.escape(issue.tool),
                    Self.escape(issue.code ?? ""), Self.escape(issue.message),
                ].joined(separator: "\u{1F}")
            }
            out += "\n"
        }
        out += "end\t\(keys.count)\n"
        return out
    }

    /// The entries of a cache file, or nil when it is damaged or holds other tools' results.
    static func decode(_ data: Data, toolKey: String) -> [Key: [ShellSyntaxIssue]]? {
        let bytes = [UInt8](data)
        let newline = UInt8(ascii: "\n")
        // A complete file ends with a newline after its count line.
        guard bytes.last == newline, let headerEnd = bytes.firstIndex(of: newline),
            String(decoding: bytes[..<headerEnd], as: UTF8.self) == formatLine + "\t" + escape(toolKey),
            let trailerStart = bytes[..<(bytes.count - 1)].lastIndex(of: newline).map({ $0 + 1 }),
            trailerStart > headerEnd
        else { return nil }
        var entries: [Key: [ShellSyntaxIssue]] = [:]
        entries.reserveCapacity(bytes.count / 66)
        let sound = bytes.withUnsafeBufferPointer { buffer -> Bool in
            var start = headerEnd + 1
            while start < trailerStart {
                var end = start
                while buffer[end] != newline { end += 1 }
                guard end - start >= 64, let key = Key(hex: UnsafeBufferPointer(rebasing: buffer[start..<(start + 64)]))
                else { return false }
                if end == start + 64 {
                    entries[key] = []
                } else {
                    guard buffer[start + 64] == UInt8(ascii: "\t") else { return false }
                    var issues: [ShellSyntaxIssue] = []
                    for record in bytes[(start + 65)..<end].split(
                        separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
                    {
                        guard let issue = decodeIssue(record) else { return false }
                        issues.append(issue)
                    }
                    entries[key] = issues
                }
                start = end + 1
            }
            return true
        }
        guard sound else { return nil }
        let trailer = String(decoding: bytes[trailerStart..<(bytes.count - 1)], as: UTF8.self)
        // The count also catches two entries with the same hash, which a sound file never has.
        guard trailer == "end\t\(entries.count)" else { return nil }
        return entries
    }

    private static func decodeIssue(_ record: ArraySlice<UInt8>) -> ShellSyntaxIssue? {
        let fields = record.split(separator: 0x1F, omittingEmptySubsequences: false).map {
            unescape(String(decoding: $0, as: UTF8.self))
        }
        guard fields.count == 6, let line = Int(fields[0]), let column = Int(fields[1]) else { return nil }
        return ShellSyntaxIssue(
            line: line, column: column, message: fields[5], tool: fields[3], code: fields[4].isEmpty ? nil : fields[4],
            level: fields[2])
    }

    static func escape(_ text: String) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{1F}" }) else {
            return text
        }
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\t": out += "\\t"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\u{1F}": out += "\\u"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func unescape(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var out = ""
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "t": out += "\t"
                case "n": out += "\n"
                case "r": out += "\r"
                case "u": out += "\u{1F}"
                default: out.unicodeScalars.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
