import FirebreakConfig
import Foundation

/// Reads alert rules from Prometheus rule files (top-level `groups:`) and Kubernetes
/// `PrometheusRule` resources. Never throws: every problem becomes an ``AlertRuleFileError``
/// and the rules that could be read are still returned.
///
/// ```swift
/// let (rules, errors) = AlertRuleLoader.load(paths: config.rules, baseDirectory: config.baseDirectory)
/// for rule in rules where rule.runbookURL == nil { print("\(rule.file):\(rule.line): \(rule.name) has no runbook") }
/// ```
public enum AlertRuleLoader {
    /// Files larger than this are reported instead of parsed.
    public static let maximumFileSize = 32 * 1024 * 1024

    /// Reads one rule file; `file` is used as given (relative to the current directory) and in messages.
    public static func load(file: String) -> (rules: [AlertRule], errors: [AlertRuleFileError]) {
        let result = load(url: URL(fileURLWithPath: file), display: file)
        return (result.rules, result.errors)
    }

    /// Reads rule files and directories named relative to `baseDirectory` (absolute paths are kept).
    /// Directories are searched recursively for `*.yml` and `*.yaml`; YAML files in them that hold no
    /// alert rules are skipped silently, whereas a file named explicitly is reported. Entries with
    /// `*`, `?` or `[` are glob patterns over the tree. Rules and errors name files relative to
    /// `baseDirectory` (`alerts/ledger.yml` for the entry `alerts/`), or absolutely when outside it.
    public static func load(paths: [String], baseDirectory: URL) -> (rules: [AlertRule], errors: [AlertRuleFileError]) {
        var rules: [AlertRule] = []
        var errors: [AlertRuleFileError] = []
        var seen = Set<String>()
        for entry in paths {
            for (url, display, explicit) in files(for: entry, baseDirectory: baseDirectory, errors: &errors) {
                guard seen.insert(url.standardizedFileURL.path).inserted else { continue }
                let result = load(url: url, display: display)
                rules += result.rules
                if explicit || result.looksLikeRules {
                    errors += result.errors
                } else {
                    errors += result.errors.filter { !$0.isNotAlertRuleFile && !$0.isInvalidYAML }
                }
            }
        }
        return (rules, errors)
    }

    /// Reads rules from the bytes of a file; `file` names it in rules and errors.
    public static func parse(data: Data, file: String) -> (rules: [AlertRule], errors: [AlertRuleFileError]) {
        let result = decode(data: data, file: file)
        return (result.rules, result.errors)
    }

    // MARK: - Files

    struct FileResult {
        var rules: [AlertRule] = []
        var errors: [AlertRuleFileError] = []
        /// Whether the text mentions rule-file structure, so that a YAML error in a file found in a
        /// directory is still worth reporting.
        var looksLikeRules = false
    }

    static func load(url: URL, display: String) -> FileResult {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        if let size = (attributes?[.size] as? NSNumber)?.intValue, size > maximumFileSize {
            return FileResult(errors: [.tooLarge(display, bytes: size, limit: maximumFileSize)])
        }
        do {
            return decode(data: try Data(contentsOf: url), file: display)
        } catch {
            let missing = !FileManager.default.fileExists(atPath: url.path)
            return FileResult(errors: [
                missing ? .notFound(display) : .unreadable(display, reason: error.localizedDescription)
            ])
        }
    }

    /// The files an entry of `rules:` stands for: (where to read, how to name it, named explicitly).
    private static func files(
        for entry: String, baseDirectory: URL, errors: inout [AlertRuleFileError]
    )
        -> [(URL, String, Bool)]
    {
        let isAbsolute = entry.hasPrefix("/")
        let url = isAbsolute ? URL(fileURLWithPath: entry) : baseDirectory.appendingPathComponent(entry)
        var display = cleanPath(entry)
        // An absolute entry inside the base directory is named like a relative one, so that
        // rule files and the runbooks they link to share one frame of reference.
        let basePath = baseDirectory.standardizedFileURL.path
        if isAbsolute, display.hasPrefix(basePath + "/") { display = String(display.dropFirst(basePath.count + 1)) }
        if entry.contains(where: { "*?[".contains($0) }) {
            return globbed(entry, baseDirectory: baseDirectory)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            errors.append(.notFound(display))
            return []
        }
        guard isDirectory.boolValue else { return [(url, display, true)] }
        return yamlFiles(under: url).map { relative in
            (
                url.appendingPathComponent(relative),
                display.isEmpty || display == "." ? relative : "\(display)/\(relative)", false
            )
        }
    }

    /// Files matching a glob entry, named relative to `baseDirectory`.
    private static func globbed(_ entry: String, baseDirectory: URL) -> [(URL, String, Bool)] {
        let pattern = GlobPattern(cleanPath(entry))
        return yamlFiles(under: baseDirectory, yamlOnly: false).filter { pattern.matches($0) }.map {
            (baseDirectory.appendingPathComponent($0), $0, false)
        }
    }

    /// Sorted relative paths of the YAML files below `directory`, skipping hidden directories and `node_modules`.
    static func yamlFiles(under directory: URL, yamlOnly: Bool = true) -> [String] {
        let base = directory.standardizedFileURL
        guard
            let enumerator = FileManager.default.enumerator(
                at: base, includingPropertiesForKeys: [.isDirectoryKey, .isRegularFileKey])
        else { return [] }
        let root = base.path
        var found: [String] = []
        for case let url as URL in enumerator {
            let values = try? url.resourceValues(forKeys: [.isDirectoryKey, .isRegularFileKey])
            let name = url.lastPathComponent
            if values?.isDirectory == true {
                if name.hasPrefix(".") || name == "node_modules" { enumerator.skipDescendants() }
                continue
            }
            guard values?.isRegularFile == true else { continue }
            let lowered = name.lowercased()
            if yamlOnly, !(lowered.hasSuffix(".yml") || lowered.hasSuffix(".yaml")) { continue }
            let path = url.standardizedFileURL.path
            guard path.hasPrefix(root + "/") else { continue }
            found.append(String(path.dropFirst(root.count + 1)))
        }
        return found.sorted()
    }

    /// `./alerts//x/` → `alerts/x`.
    static func cleanPath(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        let parts = path.split(separator: "/").filter { $0 != "." }
        let joined = parts.joined(separator: "/")
        if absolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
