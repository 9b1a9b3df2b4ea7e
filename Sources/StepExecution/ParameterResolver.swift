import Foundation
import RunbookModel

/// Collects parameter values for a run. Values only ever reach commands as environment variables.
///
/// Precedence, highest first: `--param`, `--env-file`, alert labels, the environment, the runbook's
/// `params:` defaults. A label `namespace` supplies `NAMESPACE`; `k8s.pod-name` supplies `K8S_POD_NAME`.
///
/// ```swift
/// var resolver = ParameterResolver(environment: ProcessInfo.processInfo.environment)
/// try resolver.addAssignments(["POD_NAME=api-7f9c"], source: "--param")
/// resolver.addLabels(["namespace": "payments"])
/// resolver.value(of: "NAMESPACE")   // "payments"
/// ```
public struct ParameterResolver: Sendable {
    /// Where a value came from, in precedence order.
    public enum Source: Int, Sendable, Comparable {
        case runbookDefault, environment, label, envFile, param, prompt
        /// Orders by precedence: a runbook default is lowest, a value typed at a prompt highest.
        public static func < (a: Source, b: Source) -> Bool { a.rawValue < b.rawValue }
    }

    private var values: [String: (value: String, source: Source)] = [:]
    private let environment: [String: String]

    /// Creates a resolver that falls back on `environment` (the process environment, usually).
    public init(environment: [String: String]) {
        self.environment = environment
    }

    /// Adds `KEY=VALUE` assignments (`--param`); the key must be an environment variable name.
    public mutating func addAssignments(_ assignments: [String], source: String) throws {
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "=") else {
                throw RunError.usage(
                    "\(source) '\(assignment)' has no '='; write it as KEY=VALUE, for example \(source) POD_NAME=api-7f9c"
                )
            }
            let key = String(assignment[..<equals])
            try Self.checkName(key, where: "\(source) '\(assignment)'")
            set(key, String(assignment[assignment.index(after: equals)...]), .param)
        }
    }

    /// Reads an env file: `KEY=VALUE` lines, `export KEY=VALUE`, `#` comments, values optionally in matching
    /// quotes. Nothing in the file is evaluated: `$(…)` stays text.
    public mutating func addEnvFile(_ path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RunError.io("cannot read --env-file \(path); check the path and its permissions")
        }
        let text = String(decoding: data, as: UTF8.self)
        for (offset, raw) in TextLines.split(text).enumerated() {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            guard let equals = line.firstIndex(of: "=") else {
                throw RunError.usage(
                    "\(path):\(offset + 1): expected KEY=VALUE, found '\(line)'; fix the line or remove it")
            }
            let key = String(line[..<equals]).trimmingCharacters(in: .whitespaces)
            try Self.checkName(key, where: "\(path):\(offset + 1)")
            var value = String(line[line.index(after: equals)...])
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            set(key, value, .envFile)
        }
    }

    /// Adds alert labels (`namespace=payments` → `NAMESPACE`).
    public mutating func addLabels(_ labels: [String: String]) {
        for (label, value) in labels { set(Self.variableName(forLabel: label), value, .label) }
    }

    /// Adds `KEY=VALUE` label assignments (`--label`).
    public mutating func addLabelAssignments(_ assignments: [String]) throws {
        var labels: [String: String] = [:]
        for assignment in assignments {
            guard let equals = assignment.firstIndex(of: "="), equals != assignment.startIndex else {
                throw RunError.usage(
                    "--label '\(assignment)' is not NAME=VALUE; write it as --label namespace=payments")
            }
            labels[String(assignment[..<equals])] = String(assignment[assignment.index(after: equals)...])
        }
        addLabels(labels)
    }

    /// Adds the runbook's declared defaults.
    public mutating func addDefaults(_ parameters: [RunbookParameter]) {
        for parameter in parameters {
            if let value = parameter.defaultValue { set(parameter.name, value, .runbookDefault) }
        }
    }

    /// Sets a value the operator typed at a prompt.
    public mutating func setPrompted(_ name: String, _ value: String) { set(name, value, .prompt) }

    /// The value of `name`, from the highest-precedence source that has one.
    public func value(of name: String) -> String? {
        values[name]?.value ?? environment[name]
    }

    /// Values set explicitly (not from the inherited environment): these are added to each command's environment.
    public var explicitValues: [String: String] { values.mapValues { $0.value } }

    /// The names given a value by any source but the environment, with the value; for the run log.
    public func logged(_ names: [String]) -> [String: String] {
        var result: [String: String] = [:]
        for name in Set(names).union(values.keys) { if let value = value(of: name) { result[name] = value } }
        return result
    }

    /// Values that must never be shown: those of variables whose names say they hold a secret, from every
    /// source, the inherited environment included.
    public var secretValues: [String] {
        var secrets: [String] = []
        for (name, value) in environment where Redactor.isSecretName(name) { secrets.append(value) }
        for (name, entry) in values where Redactor.isSecretName(name) { secrets.append(entry.value) }
        return secrets
    }

    /// `namespace` → `NAMESPACE`, `k8s.pod-name` → `K8S_POD_NAME`, `1st` → `_1ST`.
    public static func variableName(forLabel label: String) -> String {
        var name = String(label.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
        if let first = name.first, first.isNumber { name = "_" + name }
        return name.isEmpty ? "_" : name
    }

    private mutating func set(_ name: String, _ value: String, _ source: Source) {
        if let existing = values[name], existing.source > source { return }
        values[name] = (value, source)
    }

    static func checkName(_ name: String, where place: String) throws {
        let valid =
            !name.isEmpty
            && name.utf8.allSatisfy {
                ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || ($0 >= 48 && $0 <= 57) || $0 == 95
            }
            && !(name.first?.isNumber ?? false)
        guard valid else {
            throw RunError.usage(
                "\(place): '\(name)' is not a variable name; use letters, digits and _ (not starting with a digit)")
        }
    }
}
