import Foundation

/// Paths of the package and of `../shared` beside it (real runbooks and corpora, read-only).
enum SharedFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let shared = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    static func seed(_ prefix: String) -> String {
        let directory = shared.appendingPathComponent("seeds")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return directory.appendingPathComponent(names.first { $0.hasPrefix(prefix) } ?? prefix).path
    }

    /// Every file under `../shared/<folder>` with one of `extensions`.
    static func files(under folder: String, extensions: Set<String>) -> [String] {
        let root = shared.appendingPathComponent(folder).path
        let enumerator = FileManager.default.enumerator(atPath: root)
        var result: [String] = []
        while let relative = enumerator?.nextObject() as? String {
            if extensions.contains((relative as NSString).pathExtension.lowercased()) {
                result.append(root + "/" + relative)
            }
        }
        return result.sorted()
    }
}
