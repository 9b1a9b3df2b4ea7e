import Foundation
import RunbookModel

/// Classifies SQL text by its statements' verbs (worst statement wins).
enum SQLClassifier {
    static let readVerbs: Set<String> = [
        "SELECT", "SHOW", "EXPLAIN", "DESCRIBE", "DESC", "TABLE", "VALUES", "HELP", "USE", "LISTEN", "CHECKSUM",
        "FETCH",
    ]
    static let writeVerbs: Set<String> = [
        "INSERT", "UPDATE", "CREATE", "ALTER", "VACUUM", "ANALYZE", "ANALYSE", "GRANT", "REVOKE", "SET", "RESET",
        "REINDEX", "CLUSTER", "COPY", "REFRESH", "LOCK", "CALL", "DO", "COMMENT", "REPLACE", "MERGE", "UPSERT",
        "LOAD", "OPTIMIZE", "REPAIR", "FLUSH", "RENAME", "CHECKPOINT", "DISCARD", "NOTIFY", "SECURITY", "IMPORT",
        "INSTALL", "UNINSTALL", "START", "STOP", "CHANGE", "UNLISTEN", "PREPARE", "DEALLOCATE", "CLOSE", "DECLARE",
        "MOVE", "CACHE",
    ]
    static let destroyVerbs: Set<String> = ["DELETE", "DROP", "TRUNCATE", "KILL", "SHUTDOWN", "PURGE"]
    static let neutralVerbs: Set<String> = [
        "BEGIN", "COMMIT", "ROLLBACK", "END", "SAVEPOINT", "RELEASE", "ABORT", "WORK",
    ]
    static let destroyFunctions = [
        "PG_TERMINATE_BACKEND", "PG_CANCEL_BACKEND", "PG_DROP_REPLICATION_SLOT", "LO_UNLINK",
    ]
    static let writeFunctions = [
        "PG_RELOAD_CONF", "SETVAL", "NEXTVAL", "PG_ROTATE_LOGFILE", "PG_SWITCH_WAL", "PG_CREATE_", "PG_PROMOTE",
        "PG_WAL_REPLAY_", "SET_CONFIG", "PG_STAT_RESET",
    ]

    /// The worst class over all statements; `.unknown` when nothing recognisable is there.
    static func classify(_ sql: String) -> SafetyClass {
        var worst: SafetyClass?
        for statement in statements(sql) {
            guard let safety = classifyStatement(statement) else { continue }
            worst = worst.map { CommandAssessment.worst($0, safety) } ?? safety
        }
        return worst ?? .unknown
    }

    /// One statement (uppercased, literals and comments removed); nil for transaction control.
    static func classifyStatement(_ statement: String) -> SafetyClass? {
        let words = Self.words(of: statement)
        guard var verb = words.first else { return nil }
        if verb.hasPrefix("\\") {
            return ["\\I", "\\IR", "\\INCLUDE", "\\!", "\\COPY", "\\G", "\\GEXEC", "\\O"].contains(verb)
                ? .unknown : .readOnly
        }
        if destroyFunctions.contains(where: { ByteSearch.contains(statement, $0) }) { return .destructive }
        if verb == "EXPLAIN", words.contains("ANALYZE") || words.contains("ANALYSE") {
            verb =
                words.dropFirst().first {
                    !["ANALYZE", "ANALYSE", "VERBOSE", "BUFFERS", "FORMAT", "JSON", "TEXT"].contains($0)
                } ?? "SELECT"
        }
        if verb == "WITH" {
            if words.contains("DELETE") { return .destructive }
            if words.contains(where: ["INSERT", "UPDATE", "MERGE"].contains) { return .mutating }
            return .readOnly
        }
        if neutralVerbs.contains(verb) {
            return words.count > 1 && verb == "START" && words[1] != "TRANSACTION" ? .mutating : nil
        }
        if verb == "SELECT" {
            if writeFunctions.contains(where: { ByteSearch.contains(statement, $0) }) || words.contains("INTO") {
                return .mutating
            }
            return .readOnly
        }
        if verb == "ALTER", let drop = words.firstIndex(of: "DROP"), drop + 1 < words.count,
            ["COLUMN", "PARTITION"].contains(words[drop + 1])
        {
            return .destructive
        }
        if readVerbs.contains(verb) { return .readOnly }
        if destroyVerbs.contains(verb) { return .destructive }
        if writeVerbs.contains(verb) { return .mutating }
        return .unknown
    }

    /// Runs of letters, digits, `_` and `\\`: on bytes when the statement is ASCII (where a byte is a character
    /// and Unicode's letters and numbers are the ASCII ones), by Character otherwise.
    static func words(of statement: String) -> [String] {
        guard statement.utf8.allSatisfy({ $0 < 0x80 }) else {
            return statement.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == "_" || $0 == "\\") }).map(
                String.init)
        }
        return statement.utf8.split(whereSeparator: { !(ByteClass.isIdentifier($0) || $0 == ByteClass.backslash) })
            .map { String(Substring($0)) }
    }

    /// Splits on `;` outside quotes and comments; the result is uppercased with literals blanked.
    static func statements(_ sql: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        let bytes = Array(sql.utf8)
        var i = 0
        func flush() {
            let text: String
            if current.allSatisfy({ $0 < 0x80 }) {
                // ASCII: the white space Foundation trims is tab through carriage return, and space.
                let isSpace = { (byte: UInt8) in byte == ByteClass.space || (byte >= 0x09 && byte <= 0x0D) }
                let start = current.firstIndex { !isSpace($0) } ?? current.endIndex
                let end = current.lastIndex { !isSpace($0) }.map { $0 + 1 } ?? start
                text = String(decoding: current[start..<max(start, end)], as: UTF8.self)
            } else {
                text = String(decoding: current, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            }
            if !text.isEmpty { result.append(text) }
            current.removeAll(keepingCapacity: true)
        }
        while i < bytes.count {
            let c = bytes[i]
            let next: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
            if c == ByteClass.singleQuote || c == ByteClass.doubleQuote || c == ByteClass.backtick {
                var j = i + 1
                while j < bytes.count {
                    if bytes[j] == c {
                        if j + 1 < bytes.count && bytes[j + 1] == c { j += 2; continue }
                        break
                    }
                    if bytes[j] == ByteClass.backslash && c != ByteClass.doubleQuote { j += 1 }
                    j += 1
                }
                current.append(contentsOf: [ByteClass.space, 0x58, ByteClass.space])
                i = j + 1
            } else if c == ByteClass.minus && next == ByteClass.minus {
                while i < bytes.count && bytes[i] != ByteClass.newline { i += 1 }
            } else if c == ByteClass.slash && next == 0x2A {
                i += 2
                while i + 1 < bytes.count && !(bytes[i] == 0x2A && bytes[i + 1] == ByteClass.slash) { i += 1 }
                i += 2
                current.append(ByteClass.space)
            } else if c == ByteClass.dollar, let tagEnd = dollarTagEnd(bytes, i) {
                let tag = bytes[i...tagEnd]
                var j = tagEnd + 1
                var closed = false
                while j < bytes.count {
                    if bytes[j] == ByteClass.dollar && bytes.count - j >= tag.count
                        && bytes[j..<(j + tag.count)].elementsEqual(tag)
                    {
                        closed = true
                        break
                    }
                    j += 1
                }
                current.append(contentsOf: [ByteClass.space, 0x58, ByteClass.space])
                i = closed ? j + tag.count : bytes.count
            } else if c == ByteClass.semicolon {
                flush()
                i += 1
            } else if c == ByteClass.backslash
                && current.allSatisfy({ $0 == ByteClass.space || $0 == ByteClass.newline || $0 == ByteClass.tab })
            {
                // psql meta-commands end at the line's end, not at `;`.
                var j = i
                while j < bytes.count && bytes[j] != ByteClass.newline { j += 1 }
                current.append(contentsOf: bytes[i..<j].map(ByteClass.uppercased))
                flush()
                i = j
            } else {
                current.append(ByteClass.uppercased(c))
                i += 1
            }
        }
        flush()
        return result
    }

    /// `$$` or `$tag$` at `i`: the index of the closing `$` of the opening tag.
    static func dollarTagEnd(_ bytes: [UInt8], _ i: Int) -> Int? {
        var j = i + 1
        while j < bytes.count && ByteClass.isIdentifier(bytes[j]) { j += 1 }
        guard j < bytes.count, bytes[j] == ByteClass.dollar else { return nil }
        if j > i + 1 && ByteClass.isDigit(bytes[i + 1]) { return nil }
        return j
    }
}
