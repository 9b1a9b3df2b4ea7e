import Foundation
import Yams

extension FirebreakConfig {
    /// File names looked for by ``discover(in:)``, in order.
    public static let fileNames = ["firebreak.yml", "firebreak.yaml", ".firebreak.yml"]

    /// Reads the config file at `url`; relative paths in it resolve against the file's directory.
    ///
    /// Throws ``FirebreakConfigError`` when the file is missing or unreadable, is not valid YAML,
    /// has an unknown key or a value of the wrong kind.
    public static func load(from url: URL) throws -> FirebreakConfig {
        let display = displayPath(url)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw FirebreakConfigError.fileNotFound(display)
        }
        guard !isDirectory.boolValue else {
            throw FirebreakConfigError.unreadable(
                display, reason: "it is a directory; name the firebreak.yml inside it")
        }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw FirebreakConfigError.unreadable(display, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8), !text.contains("\u{0}") else {
            throw FirebreakConfigError.unreadable(display, reason: "it is not UTF-8 text; save it as UTF-8")
        }
        return try parse(yaml: text, file: display, baseDirectory: url.deletingLastPathComponent().standardizedFileURL)
    }

    /// Finds the config file in `directory` (not its parents) and loads it. Without one, returns
    /// the defaults rooted at `directory` and a nil URL.
    public static func discover(in directory: URL) throws -> (config: FirebreakConfig, url: URL?) {
        let found = fileNames.map { directory.appendingPathComponent($0) }.filter { candidate in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory)
                && !isDirectory.boolValue
        }
        guard let first = found.first else {
            return (FirebreakConfig(baseDirectory: directory.standardizedFileURL), nil)
        }
        if found.count > 1 {
            throw FirebreakConfigError.ambiguous(
                displayPath(first), others: found.dropFirst().map { displayPath($0) })
        }
        return (try load(from: first), first)
    }

    /// Parses config text. `file` is used in error messages; `baseDirectory` anchors relative paths.
    public static func parse(
        yaml: String, file: String = "firebreak.yml", baseDirectory: URL
    ) throws
        -> FirebreakConfig
    {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw yamlError(error, file: file, text: yaml)
        } catch {
            throw FirebreakConfigError.invalidYAML(file, line: nil, problem: "\(error)")
        }
        var config = FirebreakConfig(baseDirectory: baseDirectory)
        guard let root else { return config }
        try ConfigDecoder(reader: ConfigReader(file: file)).decode(root, into: &config)
        return config
    }

    /// A path relative to the current directory when it lies below it, so messages stay short.
    static func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let current = FileManager.default.currentDirectoryPath
        let prefix = current.hasSuffix("/") ? current : current + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    private static func yamlError(_ error: YamlError, file: String, text: String) -> FirebreakConfigError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = problem
            if let context { message = "\(context.text), \(problem)" }
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            if mark.line >= 1, mark.line <= lines.count,
                lines[mark.line - 1].prefix(while: { $0 == " " || $0 == "\t" })
                    .contains("\t")
            {
                message += " (YAML indentation must use spaces; replace the tabs on this line)"
            }
            return .invalidYAML(file, line: mark.line, problem: message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .invalidYAML(
                file, line: context.mark.line,
                problem: "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", ")); keep one of them")
        default:
            return .invalidYAML(file, line: nil, problem: "\(error)")
        }
    }
}
