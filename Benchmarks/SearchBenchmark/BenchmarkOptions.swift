import Foundation

/// Command-line options of the search benchmark.
struct BenchmarkOptions: Sendable {
    var corpus: String
    var index: String
    var queries: String
    var latencies: String?
    var rounds = 3
    /// Skips parsing and building: queries an index left by an earlier run (for profiling queries alone).
    var reuseIndex = false

    init?(_ arguments: [String]) {
        var values: [String: String] = [:]
        var index = 1
        while index + 1 < arguments.count {
            values[arguments[index]] = arguments[index + 1]
            index += 2
        }
        guard let corpus = values["--corpus"], let indexPath = values["--index"], let queries = values["--queries"]
        else {
            return nil
        }
        self.corpus = corpus
        self.index = indexPath
        self.queries = queries
        latencies = values["--latencies"]
        reuseIndex = values["--reuse-index"] == "yes"
        if let rounds = values["--rounds"].flatMap(Int.init), rounds > 0 { self.rounds = rounds }
    }
}

/// Wall-clock time of a block, in seconds.
func measure<T>(_ body: () async throws -> T) async rethrows -> (T, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    let value = try await body()
    return (value, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
}

/// CPU time used by the whole process so far, in seconds: while one query runs at a time, the difference
/// around a query is its CPU cost, which, unlike wall time, other programs on the machine do not inflate.
func processCPUSeconds() -> Double {
    var spec = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &spec)
    return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
}

/// Latency summary of a sample, in milliseconds.
struct LatencySummary {
    var p50: Double
    var p99: Double
    var max: Double
    var mean: Double

    init(_ samplesMs: [Double]) {
        let sorted = samplesMs.sorted()
        func percentile(_ p: Double) -> Double {
            guard !sorted.isEmpty else { return 0 }
            let rank = Int((p * Double(sorted.count)).rounded(.up)) - 1
            return sorted[Swift.max(0, Swift.min(sorted.count - 1, rank))]
        }
        p50 = percentile(0.50)
        p99 = percentile(0.99)
        max = sorted.last ?? 0
        mean = sorted.isEmpty ? 0 : sorted.reduce(0, +) / Double(sorted.count)
    }

    var line: String { String(format: "p50 %.3f ms  p99 %.3f ms  max %.3f ms  mean %.3f ms", p50, p99, max, mean) }
}
