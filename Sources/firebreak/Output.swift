import Foundation

/// Writes to standard output and standard error without buffering surprises.
enum Output {
    static func standard(_ text: String) { FileHandle.standardOutput.write(Data(text.utf8)) }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data(("firebreak: " + text + (text.hasSuffix("\n") ? "" : "\n")).utf8))
    }
}

/// The version printed by `--version` and written into SARIF.
enum FirebreakVersion {
    static let current = "0.1.0"
}

/// A one-line progress display on standard error, shown only on a terminal and only once a run takes over a second.
final class TerminalProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let start = Date()
    private var shown = false
    let isEnabled = isatty(STDERR_FILENO) == 1

    func update(_ phase: String, _ done: Int, _ total: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard Date().timeIntervalSince(start) > 1 else { return }
        shown = true
        let line = total > 0 ? "\(phase) \(done)/\(total)" : phase
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
