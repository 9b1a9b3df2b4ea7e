import Foundation
import RunbookModel
import Yams

/// Turns the YAML tree of `firebreak.yml` into ``FirebreakConfig``, one top-level key at a time.
struct ConfigDecoder {
    let reader: ConfigReader

    static let topLevelKeys = [
        "runbooks", "exclude", "rules", "url_maps", "sections", "synonyms", "lint", "commands", "server",
    ]

    func decode(_ root: Node, into config: inout FirebreakConfig) throws {
        for entry in try reader.mapping(root, path: "", known: Self.topLevelKeys) {
            let value = entry.value
            switch entry.key {
            case "runbooks":
                let roots = try reader.stringList(value, path: "runbooks")
                config.runbooks = roots.isEmpty ? FirebreakConfig.defaultRunbooks : roots
            case "exclude":
                let extra = try reader.stringList(value, path: "exclude")
                config.exclude =
                    FirebreakConfig.defaultExclude + extra.filter { !FirebreakConfig.defaultExclude.contains($0) }
            case "rules":
                config.rules = try reader.stringList(value, path: "rules")
            case "url_maps":
                config.urlMaps = try urlMaps(value)
            case "sections":
                config.sections = try sections(value)
            case "synonyms":
                config.synonyms = try synonyms(value)
            case "lint":
                config.lint = try lint(value)
            case "server":
                config.server = try server(value)
            default:
                config.commands = try commands(value)
            }
        }
    }

    private func urlMaps(_ node: Node) throws -> [URLMap] {
        try reader.list(node, path: "url_maps").enumerated().map { index, item in
            let path = "url_maps[\(index)]"
            var prefix: String?
            var directory: String?
            for entry in try reader.mapping(item, path: path, known: ["prefix", "path"]) {
                let value = try reader.string(entry.value, path: "\(path).\(entry.key)")
                if entry.key == "prefix" {
                    guard value.contains("://") else {
                        throw reader.invalid(
                            entry.value, "\(path).prefix",
                            "must be an absolute URL such as https://runbooks.example.com/runbooks/ (got '\(value)')")
                    }
                    prefix = value
                } else {
                    guard !value.hasPrefix("/") else {
                        throw reader.invalid(
                            entry.value, "\(path).path",
                            "must be relative to the config file's directory (got '\(value)')")
                    }
                    directory = value
                }
            }
            guard let prefix, let directory else {
                throw reader.invalid(item, path, "needs both 'prefix' (an absolute URL) and 'path' (a directory)")
            }
            return URLMap(prefix: prefix, path: directory)
        }
    }

    private func sections(_ node: Node) throws -> SectionRequirements {
        var preset = SectionRequirements.Preset.default
        var explicit: [[SectionKind]]?
        for entry in try reader.mapping(node, path: "sections", known: ["preset", "required"]) {
            if entry.key == "preset" {
                preset = try reader.oneOf(entry.value, path: "sections.preset", SectionRequirements.Preset.self)
            } else {
                explicit = try reader.list(entry.value, path: "sections.required").enumerated().map { index, item in
                    try requirement(item, path: "sections.required[\(index)]")
                }
            }
        }
        if let explicit { return SectionRequirements(preset: preset, required: explicit) }
        return .preset(preset)
    }

    /// `diagnosis` or `resolution|rollback`.
    private func requirement(_ node: Node, path: String) throws -> [SectionKind] {
        let text = try reader.string(node, path: path)
        let kinds = SectionKind.allCases.map(\.rawValue)
        return try text.split(separator: "|").map { part in
            let word = part.trimmingCharacters(in: .whitespaces).lowercased()
            guard let kind = SectionKind(rawValue: word) else {
                var message =
                    "must be one of \(kinds.joined(separator: ", ")), or alternatives joined by '|' (got '\(word)')"
                if let guess = Spelling.closest(to: word, in: kinds) { message += "; did you mean '\(guess)'?" }
                throw reader.invalid(node, path, message)
            }
            return kind
        }
    }

    private func synonyms(_ node: Node) throws -> [SectionKind: [String]] {
        var result: [SectionKind: [String]] = [:]
        let kinds = SectionKind.allCases.map(\.rawValue)
        for entry in try reader.mapping(node, path: "synonyms", known: kinds) {
            guard let kind = SectionKind(rawValue: entry.key) else { continue }
            result[kind, default: []] += try reader.stringList(entry.value, path: "synonyms.\(entry.key)")
        }
        return result
    }

    private func lint(_ node: Node) throws -> LintSettings {
        var settings = LintSettings()
        let known = ["rules", "review_every", "shellcheck", "endpoint_timeout"]
        for entry in try reader.mapping(node, path: "lint", known: known) {
            let path = "lint.\(entry.key)"
            switch entry.key {
            case "rules":
                for rule in try reader.mapping(entry.value, path: path, known: nil) {
                    guard LintRuleIDs.isKnown(rule.key) else {
                        var message = "names unknown rule '\(rule.key)'"
                        if let guess = LintRuleIDs.suggestion(for: rule.key) { message += "; did you mean '\(guess)'?" }
                        message += " (rules: \(LintRuleIDs.all.joined(separator: ", ")))"
                        throw reader.invalid(rule.keyNode, path, message)
                    }
                    settings.ruleLevels[rule.key] = try reader.oneOf(
                        rule.value, path: "\(path).\(rule.key)", RuleLevel.self)
                }
            case "review_every":
                settings.reviewEvery = try reader.duration(entry.value, path: path)
            case "shellcheck":
                settings.shellcheck = try reader.oneOf(entry.value, path: path, ShellcheckMode.self)
            default:
                settings.endpointTimeout = try reader.duration(entry.value, path: path)
            }
        }
        return settings
    }

    private func commands(_ node: Node) throws -> [CommandClassEntry] {
        let known = ["program", "subcommands", "when_any", "class", "never_terminates", "interactive"]
        return try reader.list(node, path: "commands").enumerated().map { index, item in
            let path = "commands[\(index)]"
            var program: String?
            var entry = CommandClassEntry(program: "")
            for field in try reader.mapping(item, path: path, known: known) {
                let fieldPath = "\(path).\(field.key)"
                switch field.key {
                case "program": program = try reader.string(field.value, path: fieldPath)
                case "subcommands": entry.subcommands = try reader.stringList(field.value, path: fieldPath)
                case "when_any": entry.whenAny = try reader.stringList(field.value, path: fieldPath)
                case "class": entry.safety = try reader.oneOf(field.value, path: fieldPath, SafetyClass.self)
                case "never_terminates": entry.neverTerminates = try reader.bool(field.value, path: fieldPath)
                default: entry.interactive = try reader.bool(field.value, path: fieldPath)
                }
            }
            guard let program else {
                throw reader.invalid(item, path, "needs 'program' (the command name, such as streamctl)")
            }
            guard program.rangeOfCharacter(from: .whitespaces) == nil else {
                throw reader.invalid(
                    item, "\(path).program", "must be a single command name without spaces (got '\(program)')")
            }
            entry.program = program
            guard entry.safety != nil || entry.neverTerminates || entry.interactive else {
                throw reader.invalid(
                    item, path,
                    "says nothing about '\(program)'; set 'class' (read-only, mutating, destructive, unknown)"
                        + " or 'never_terminates: true' or 'interactive: true'")
            }
            return entry
        }
    }
}
