import Foundation
import XCTest

@testable import ShellAnalysis

/// Runs every entry point over the shell blocks of the shared runbook corpus (read in place).
final class CorpusSmokeTests: XCTestCase {
    private func shellBlocks() throws -> [String] {
        let shared = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../shared")
        var files: [URL] = []
        for directory in ["corpus", "seeds"] {
            let enumerator = FileManager.default.enumerator(
                at: shared.appendingPathComponent(directory), includingPropertiesForKeys: nil)
            while let url = enumerator?.nextObject() as? URL {
                if url.pathExtension == "md" { files.append(url) }
            }
        }
        try XCTSkipIf(files.isEmpty, "the shared corpus is not available")
        var blocks: [String] = []
        for file in files {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            var language: String?
            var lines: [String] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                guard trimmed.hasPrefix("```") else {
                    if language != nil { lines.append(line.hasPrefix("$ ") ? String(line.dropFirst(2)) : String(line)) }
                    continue
                }
                if let current = language {
                    if ["bash", "sh", "shell", "console", "zsh"].contains(current) {
                        blocks.append(lines.joined(separator: "\n"))
                    }
                    language = nil
                    lines = []
                } else {
                    language = String(trimmed.dropFirst(3).prefix { !$0.isWhitespace && $0 != "{" }).lowercased()
                }
            }
        }
        return blocks
    }

    func testEveryCorpusBlockIsAnalysedAndClusterCommandsAreClassified() throws {
        let blocks = try shellBlocks()
        XCTAssertGreaterThan(blocks.count, 100)
        let classifier = CommandClassifier()
        var clusterCommands = 0
        var unclassified = 0
        for block in blocks {
            let parse = ShellParser.parse(block)
            _ = Placeholders.rewrite(block)
            _ = SecretScanner.find(in: block)
            _ = LanguageSniffer.foreignLanguage(in: parse, script: block)
            for command in parse.commands where ["kubectl", "oc"].contains(command.program ?? "") {
                clusterCommands += 1
                if classifier.assess(command).safety == .unknown { unclassified += 1 }
            }
        }
        XCTAssertGreaterThan(clusterCommands, 100)
        XCTAssertLessThan(
            Double(unclassified) / Double(clusterCommands), 0.03, "\(unclassified) of \(clusterCommands) unclassified")
    }
}
