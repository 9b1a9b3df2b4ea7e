import Foundation
import Yams

extension AlertRuleLoader {
    /// Checks the bytes, then reads each YAML document of the file.
    static func decode(data: Data, file: String) -> FileResult {
        if data.count > maximumFileSize {
            return FileResult(errors: [.tooLarge(file, bytes: data.count, limit: maximumFileSize)])
        }
        let text: String
        switch TextCheck.decode(data) {
        case .failure(let problem):
            return FileResult(errors: [.encoding(file, line: problem.line, problem: problem.message)])
        case .success(let decoded):
            text = decoded
        }
        var result = FileResult()
        result.looksLikeRules = text.contains("groups:") || text.contains("PrometheusRule")
        var recognized = false
        var firstDocumentLine: Int?
        do {
            let parser = try Parser(yaml: text)
            while let root = try parser.nextRoot() {
                firstDocumentLine = firstDocumentLine ?? root.mark?.line
                var decoder = RuleDocumentDecoder(file: file)
                if decoder.decode(root) { recognized = true }
                result.rules += decoder.rules
                result.errors += decoder.errors
            }
        } catch let error as YamlError {
            result.errors.append(yamlError(error, file: file, text: text))
            return result
        } catch {
            result.errors.append(.invalidYAML(file, line: 1, problem: "\(error)"))
            return result
        }
        if !recognized { result.errors.append(.notRuleFile(file, line: firstDocumentLine ?? 1)) }
        return result
    }

    private static func yamlError(_ error: YamlError, file: String, text: String) -> AlertRuleFileError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = problem
            if let context { message = "\(context.text) at line \(context.mark.line), \(problem)" }
            if TextCheck.line(mark.line, of: text)?.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t") == true {
                message += "; YAML indentation must use spaces, replace the tabs on this line"
            } else {
                message += "; fix the YAML syntax on this line"
            }
            return .invalidYAML(file, line: mark.line, problem: message)
        case .reader(let problem, let offset, _, _):
            let line = offset.map { TextCheck.lineNumber(ofCharacterOffset: $0, in: text) } ?? 1
            return .encoding(file, line: line, problem: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return .invalidYAML(
                file, line: context.mark.line, problem: "duplicate key \(keys) in one mapping; keep one of them")
        default:
            return .invalidYAML(file, line: 1, problem: "\(error)")
        }
    }
}

/// Reads the rules of one YAML document: a Prometheus rule file, a `PrometheusRule`, or a
/// Kubernetes `List` of them.
struct RuleDocumentDecoder {
    let file: String
    var rules: [AlertRule] = []
    var errors: [AlertRuleFileError] = []

    init(file: String) { self.file = file }

    /// Returns whether the document is a rule document at all.
    mutating func decode(_ root: Node) -> Bool {
        guard let mapping = root.mapping else { return false }
        let kind = mapping["kind"]?.scalar?.string
        if kind == "PrometheusRule" {
            guard let spec = mapping["spec"], let groups = spec.mapping?["groups"] else {
                fail(root, "PrometheusRule has no spec.groups; add `spec:` with a `groups:` list")
                return true
            }
            decodeGroups(groups)
            return true
        }
        if let kind, kind.hasSuffix("List"), let items = mapping["items"]?.sequence {
            var found = false
            for item in items where item.mapping?["kind"]?.scalar?.string == "PrometheusRule" {
                found = decode(item) || found
            }
            return found
        }
        if kind == nil, let groups = mapping["groups"] {
            decodeGroups(groups)
            return true
        }
        return false
    }

    private mutating func fail(_ node: Node, _ message: String) {
        errors.append(.malformed(file, line: node.mark?.line ?? 1, message))
    }

    private mutating func decodeGroups(_ node: Node) {
        if node.scalar.map({ $0.string.isEmpty || $0.string == "null" || $0.string == "~" }) == true { return }
        guard let groups = node.sequence else {
            fail(node, "`groups` must be a list of rule groups (`- name: …` with `rules:`)")
            return
        }
        for group in groups {
            guard let mapping = group.mapping else {
                fail(group, "a rule group must be a mapping with `name:` and `rules:`")
                continue
            }
            let name = mapping["name"]?.scalar?.string
            if name?.isEmpty != false { fail(group, "rule group has no `name:`; give it one") }
            guard let rulesNode = mapping["rules"] else { continue }
            if rulesNode.scalar != nil, rulesNode.scalar?.string.isEmpty == true || rulesNode.scalar?.string == "null" {
                continue
            }
            guard let ruleNodes = rulesNode.sequence else {
                fail(rulesNode, "`rules` of group '\(name ?? "?")' must be a list of `- alert:` or `- record:` entries")
                continue
            }
            for ruleNode in ruleNodes { decodeRule(ruleNode, group: name) }
        }
    }

    private mutating func decodeRule(_ node: Node, group: String?) {
        guard let mapping = node.mapping else {
            fail(node, "a rule must be a mapping with `alert:` (or `record:`) and `expr:`")
            return
        }
        if mapping["record"] != nil { return }
        guard let (alertKey, alertValue) = mapping.first(where: { $0.key.scalar?.string == "alert" }) else {
            fail(node, "rule has neither `alert:` nor `record:`; add `alert: Name`")
            return
        }
        guard let name = alertValue.scalar?.string.trimmingCharacters(in: .whitespaces), !name.isEmpty else {
            fail(alertValue, "`alert:` must be the alert's name")
            return
        }
        let labels = strings(mapping["labels"], field: "labels", alert: name)
        let annotations = strings(mapping["annotations"], field: "annotations", alert: name)
        var rule = AlertRule(
            name: name, file: file, line: alertKey.mark?.line ?? node.mark?.line ?? 1,
            column: alertKey.mark?.column ?? node.mark?.column ?? 1, group: group, severity: labels["severity"],
            labels: labels, annotations: annotations)
        for key in ["runbook_url", "runbook"] {
            guard let entry = mapping["annotations"]?.mapping?.first(where: { $0.key.scalar?.string == key }),
                let value = entry.value.scalar?.string.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty
            else { continue }
            rule.runbookURL = value
            rule.runbookAnnotationKey = key
            rule.runbookLine = entry.value.mark?.line
            break
        }
        rules.append(rule)
    }

    /// A mapping of scalars; values that are lists or mappings are left out.
    private mutating func strings(_ node: Node?, field: String, alert: String) -> [String: String] {
        guard let node else { return [:] }
        if let scalar = node.scalar, scalar.string.isEmpty || scalar.string == "null" || scalar.string == "~" {
            return [:]
        }
        guard let mapping = node.mapping else {
            fail(node, "`\(field)` of alert '\(alert)' must be a mapping of names to values")
            return [:]
        }
        var result: [String: String] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string, let text = value.scalar?.string else { continue }
            result[name] = text
        }
        return result
    }
}
