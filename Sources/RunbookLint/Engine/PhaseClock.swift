import Foundation

/// Wall-clock time per phase of a lint run, printed to standard error when `FIREBREAK_TIMINGS` is set.
final class PhaseClock: @unchecked Sendable {
    private let enabled: Bool
    private var last = Date()
    private var phases: [(String, TimeInterval)] = []

    init(enabled: Bool) { self.enabled = enabled }

    func mark(_ phase: String) {
        guard enabled else { return }
        let now = Date()
        phases.append((phase, now.timeIntervalSince(last)))
        last = now
    }

    func report() {
        guard enabled, !phases.isEmpty else { return }
        let text = phases.map { String(format: "%@ %.3fs", $0.0, $0.1) }.joined(separator: ", ")
        FileHandle.standardError.write(Data("firebreak timings: \(text)\n".utf8))
    }
}
