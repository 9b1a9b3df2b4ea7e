import Foundation
import RunbookModel
import Yams

/// Strict, located reading of YAML nodes: every failure names the key path and the line.
struct ConfigReader {
    /// The config file as shown in errors.
    let file: String

    func line(_ node: Node) -> Int? { node.mark?.line }

    func invalid(_ node: Node, _ path: String, _ message: String) -> FirebreakConfigError {
        .invalidValue(file, line: line(node), keyPath: path, message: message)
    }

    /// The entries of a mapping, rejecting keys not in `known`. A null node is an empty mapping.
    func mapping(_ node: Node, path: String, known: [String]?) throws -> [(key: String, keyNode: Node, value: Node)] {
        if isNull(node) { return [] }
        guard let mapping = node.mapping else {
            throw invalid(
                node, path.isEmpty ? "the config" : path, "must be a mapping of keys to values (got \(describe(node)))")
        }
        var entries: [(key: String, keyNode: Node, value: Node)] = []
        for (keyNode, value) in mapping {
            let keyPath = path.isEmpty ? "\(keyNode.scalar?.string ?? "?")" : "\(path).\(keyNode.scalar?.string ?? "?")"
            guard let key = keyNode.scalar?.string else {
                throw invalid(keyNode, path.isEmpty ? "the config" : path, "has a key that is not a plain word")
            }
            if let known, !known.contains(key) {
                throw FirebreakConfigError.unknownKey(
                    file, line: line(keyNode), keyPath: keyPath, known: known,
                    suggestion: Spelling.closest(to: key, in: known))
            }
            entries.append((key, keyNode, value))
        }
        return entries
    }

    func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    func string(_ node: Node, path: String) throws -> String {
        guard let scalar = node.scalar, !isNull(node) else {
            throw invalid(node, path, "must be a string (got \(describe(node)))")
        }
        let value = scalar.string.trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { throw invalid(node, path, "must not be empty") }
        return value
    }

    /// A list of strings; a single string is accepted as a one-element list.
    func stringList(_ node: Node, path: String) throws -> [String] {
        if isNull(node) { return [] }
        if node.scalar != nil { return [try string(node, path: path)] }
        guard let sequence = node.sequence else {
            throw invalid(node, path, "must be a list of strings (got \(describe(node)))")
        }
        return try sequence.enumerated().map { index, item in try string(item, path: "\(path)[\(index)]") }
    }

    func list(_ node: Node, path: String) throws -> [Node] {
        if isNull(node) { return [] }
        guard let sequence = node.sequence else {
            throw invalid(node, path, "must be a list (got \(describe(node)))")
        }
        return Array(sequence)
    }

    func bool(_ node: Node, path: String) throws -> Bool {
        guard let scalar = node.scalar else {
            throw invalid(node, path, "must be true or false (got \(describe(node)))")
        }
        switch scalar.string.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw invalid(node, path, "must be true or false (got '\(scalar.string)')")
        }
    }

    /// One of a fixed set of words, compared case-insensitively.
    func oneOf<T: RawRepresentable>(_ node: Node, path: String, _ type: T.Type) throws -> T
    where T: CaseIterable, T.RawValue == String {
        let options = T.allCases.map(\.rawValue)
        guard let scalar = node.scalar, !isNull(node) else {
            throw invalid(node, path, "must be one of \(options.joined(separator: ", ")) (got \(describe(node)))")
        }
        let word = scalar.string.trimmingCharacters(in: .whitespaces).lowercased()
        if let value = T(rawValue: word) { return value }
        var message = "must be one of \(options.joined(separator: ", ")) (got '\(scalar.string)')"
        if let guess = Spelling.closest(to: word, in: options) { message += "; did you mean '\(guess)'?" }
        throw invalid(node, path, message)
    }

    /// A positive duration such as `90d`, `3s`, `1h30m`.
    func duration(_ node: Node, path: String) throws -> DurationSeconds {
        guard let scalar = node.scalar, !isNull(node) else {
            throw invalid(node, path, "must be a duration like 90d, 12h, 30m or 5s (got \(describe(node)))")
        }
        guard let duration = DurationSeconds(parsing: scalar.string), duration.seconds > 0 else {
            throw invalid(node, path, "must be a positive duration like 90d, 12h, 30m or 5s (got '\(scalar.string)')")
        }
        return duration
    }

    /// How a node looks, for messages: `a list`, `a mapping`, `'text'`.
    func describe(_ node: Node) -> String {
        switch node {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        case .scalar(let scalar): isNull(node) ? "nothing" : "'\(scalar.string)'"
        }
    }
}
