// Search benchmark: index build time, incremental refresh time and per-query latency, in-process.
//
//   SearchBenchmark --corpus DIR --index FILE --queries FILE [--latencies FILE] [--rounds N]
//
// Parses every runbook under DIR, builds a fresh SQLite index in FILE, changes 1% of the files
// (restoring them at the end), refreshes, then runs each query of FILE (one a line) after a warm-up
// pass, N rounds, and prints p50/p99/max. The same is done with the in-memory index for reference.
// Per-query medians go to --latencies as `query<TAB>ms` lines for bench/search.sh.
import Foundation
import RunbookCatalog
import RunbookModel
import RunbookParser
import StorageSQL

let options = BenchmarkOptions(CommandLine.arguments)
guard let options else {
    FileHandle.standardError.write(
        Data("usage: SearchBenchmark --corpus DIR --index FILE --queries FILE [--latencies FILE] [--rounds N]\n".utf8))
    exit(2)
}

do {
    try await SearchBenchmarkRun(options: options).run()
} catch {
    FileHandle.standardError.write(Data("search benchmark: \(error)\n".utf8))
    exit(1)
}
