import Foundation
import RunbookCatalog
import RunbookModel
import RunbookParser
import StorageSQL

/// One benchmark run: build, incremental refresh, queries; SQLite first, then the in-memory reference.
struct SearchBenchmarkRun {
    let options: BenchmarkOptions
    private let parser = RunbookDocumentParser()
    private let base = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)

    init(options: BenchmarkOptions) { self.options = options }

    func run() async throws {
        if options.reuseIndex {
            let index = try await SQLiteSearchIndex(path: options.index)
            try await queries(index)
            try await index.close()
            return
        }
        let (tree, parseSeconds) = await measure { load() }
        let runbooks = tree.runbooks
        print("corpus: \(tree.documents.count) files, \(runbooks.count) runbooks")
        print(String(format: "parse: %.2f s (RunbookTree.load, both cores; the CLI parses for lint too)", parseSeconds))

        let (documents, documentSeconds) = await measure { documentsOf(runbooks) }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: options.index + suffix) }
        let (index, openSeconds) = try await measure { try await SQLiteSearchIndex(path: options.index) }
        let (stats, writeSeconds) = try await measure { try await index.refresh(documents) }
        let build = documentSeconds + openSeconds + writeSeconds
        let size = (try? FileManager.default.attributesOfItem(atPath: options.index)[.size] as? Int) ?? 0
        print(
            String(
                format:
                    "full index build: %.2f s (documents %.2f s, open %.3f s, write %.2f s); added %d; file %.1f MB",
                build, documentSeconds, openSeconds, writeSeconds, stats.added, Double(size) / 1e6))
        print(
            String(
                format: "goal: full index build < 10 s -> %@ (%.2f s; with parsing %.2f s)",
                build < 10 ? "met" : "NOT met", build, build + parseSeconds))

        try await incremental(index: index, fileCount: tree.documents.count)
        try await queries(index)
        try await index.close()

        let memory = InMemorySearchIndex()
        let (_, memoryBuild) = try await measure { try await memory.refresh(documents) }
        let reference = try await latencies(of: memory, queries: try readQueries())
        print(
            String(format: "in-memory reference: build %.2f s; latency (wall) ", memoryBuild)
                + LatencySummary(reference.samples).line)
    }

    private func readQueries() throws -> [String] {
        try String(contentsOfFile: options.queries, encoding: .utf8)
            .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    private func queries(_ index: SQLiteSearchIndex) async throws {
        let queries = try readQueries()

        var roundTrips: [Double] = []
        for _ in 0..<200 {
            let (_, seconds) = try await measure { try await index.count() }
            roundTrips.append(seconds * 1000)
        }
        print("one statement round trip (count of documents): " + LatencySummary(roundTrips).line)
        let sqlite = try await latencies(of: index, queries: queries)
        print(
            "sqlite queries: \(queries.count) x \(options.rounds) rounds after a warm-up; \(sqlite.empty) returned nothing"
        )
        print("sqlite latency (wall): " + LatencySummary(sqlite.samples).line)
        print("sqlite latency (CPU):  " + LatencySummary(sqlite.cpu).line)
        print(
            String(
                format: "goal: p99 < 5 ms -> %@ (wall p99 %.3f ms)",
                LatencySummary(sqlite.samples).p99 < 5 ? "met" : "NOT met",
                LatencySummary(sqlite.samples).p99))
        if let path = options.latencies {
            let lines = zip(queries, sqlite.medians).map { "\($0)\t" + String(format: "%.4f", $1) }
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
        }
    }

    private func load() -> RunbookTree {
        RunbookTree.load(roots: [options.corpus], baseDirectory: base, isExcluded: { _, _ in false }, parser: parser)
    }

    private func documentsOf(_ runbooks: [Runbook]) -> [SearchDocument] {
        Parallel.map(runbooks.count) { SearchDocument(runbook: runbooks[$0]) }
    }

    /// Changes every hundredth file, re-reads the tree as the CLI would, refreshes, and restores the files.
    private func incremental(index: SQLiteSearchIndex, fileCount: Int) async throws {
        let tree = load()
        let paths = tree.documents.map(\.file).enumerated().filter { $0.offset % 100 == 0 }.map(\.element)
        var originals: [String: Data] = [:]
        defer {
            for (path, data) in originals { try? data.write(to: URL(fileURLWithPath: path)) }
        }
        for path in paths {
            let url = URL(fileURLWithPath: path, relativeTo: base)
            let data = try Data(contentsOf: url)
            originals[url.path] = data
            try (data + Data("\n\nReviewed during the quarterly runbook audit; thresholds unchanged.\n".utf8)).write(
                to: url)
        }
        let (changed, parseSeconds) = await measure { load() }
        let (documents, documentSeconds) = await measure { documentsOf(changed.runbooks) }
        let (stats, refreshSeconds) = try await measure { try await index.refresh(documents) }
        print(
            String(
                format: "incremental (%d of %d files changed): re-parse %.2f s, documents %.2f s, refresh %.3f s; "
                    + "added %d updated %d removed %d unchanged %d",
                paths.count, fileCount, parseSeconds, documentSeconds, refreshSeconds,
                stats.added, stats.updated, stats.removed, stats.unchanged))
    }

    /// Per-query latencies: every query once to warm caches, then `rounds` timed passes; wall and CPU time.
    private func latencies(
        of index: some RunbookSearchIndex, queries: [String]
    ) async throws
        -> (samples: [Double], cpu: [Double], medians: [Double], empty: Int)
    {
        var empty = 0
        for query in queries where try await index.search(query, limit: 10).isEmpty { empty += 1 }
        var perQuery = Array(repeating: [Double](), count: queries.count)
        var cpu: [Double] = []
        for _ in 0..<options.rounds {
            for (position, query) in queries.enumerated() {
                let cpuStart = processCPUSeconds()
                let (_, seconds) = try await measure { try await index.search(query, limit: 10) }
                cpu.append((processCPUSeconds() - cpuStart) * 1000)
                perQuery[position].append(seconds * 1000)
            }
        }
        let medians = perQuery.map { $0.sorted()[$0.count / 2] }
        return (perQuery.flatMap { $0 }, cpu, medians, empty)
    }
}
