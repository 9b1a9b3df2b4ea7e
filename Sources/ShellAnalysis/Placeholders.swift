/// Finds placeholders in a script and rewrites them into quoted variable references.
///
/// Values are never spliced into the script: `kubectl logs <pod-name>` becomes
/// `kubectl logs "${POD_NAME}"`, and the value travels in the environment.
///
/// ```swift
/// let (script, found) = Placeholders.rewrite("kubectl -n <namespace> logs \"<pod-name>\"")
/// // script == "kubectl -n \"${NAMESPACE}\" logs \"${POD_NAME}\""
/// // found.map(\.variable) == ["NAMESPACE", "POD_NAME"]
/// ```
public enum Placeholders {
    /// Every placeholder outside comments, in source order.
    public static func find(in script: String) -> [Placeholder] {
        PlaceholderScanner(script).scan().map(\.placeholder)
    }

    /// The script with each placeholder replaced by `"${NAME}"` (unquoted context) or `${NAME}`
    /// (inside double quotes or an unquoted heredoc); placeholders inside single quotes or quoted
    /// heredocs are left as written but still reported. Positions refer to the original script.
    public static func rewrite(_ script: String) -> (script: String, placeholders: [Placeholder]) {
        rewrite(script, parsed: ShellParser.parse(script))
    }

    /// ``rewrite(_:)`` for a script already parsed (`parsed` must be `ShellParser.parse(script)`): its heredocs
    /// decide which lines expand, and parsing the script again would double the cost.
    public static func rewrite(_ script: String, parsed: ShellParse) -> (script: String, placeholders: [Placeholder]) {
        let bytes = Array(script.utf8)
        let found = PlaceholderScanner(script, heredocs: parsed.heredocs).scan()
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + found.count * 8)
        var cursor = 0
        for item in found {
            guard let replacement = item.replacement, item.range.lowerBound >= cursor else { continue }
            output.append(contentsOf: bytes[cursor..<item.range.lowerBound])
            output.append(contentsOf: replacement.utf8)
            cursor = item.range.upperBound
        }
        output.append(contentsOf: bytes[cursor...])
        return (String(decoding: output, as: UTF8.self), found.map(\.placeholder))
    }

    /// Upper-cases and maps every non-alphanumeric character to `_` (`pod-name` → `POD_NAME`).
    static func variableName(_ raw: some Sequence<UInt8>) -> String {
        var name: [UInt8] = []
        for c in raw { name.append(ByteClass.isAlphanumeric(c) ? ByteClass.uppercased(c) : ByteClass.underscore) }
        if let first = name.first, ByteClass.isDigit(first) { name.insert(ByteClass.underscore, at: 0) }
        return String(decoding: name, as: UTF8.self)
    }
}
