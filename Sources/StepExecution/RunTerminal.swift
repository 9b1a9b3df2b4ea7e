import Foundation

/// Where a run shows progress and, when interactive, asks the operator. Injected so that sessions are
/// testable without a terminal.
public protocol RunTerminal: AnyObject, Sendable {
    /// Shows text (already redacted) as it is.
    func write(_ text: String)
    /// Shows `prompt` and reads one line without its newline; nil at end of input.
    func readLine(prompt: String) -> String?
}

/// The process's standard output and standard input.
public final class StandardTerminal: RunTerminal, @unchecked Sendable {
    private let lock = NSLock()

    /// Creates the terminal.
    public init() {}

    /// Writes `text` to standard output unbuffered, one writer at a time.
    public func write(_ text: String) {
        lock.withLock { FileHandle.standardOutput.write(Data(text.utf8)) }
    }

    /// Writes `prompt`, then reads a line from standard input; nil at end of input.
    public func readLine(prompt: String) -> String? {
        write(prompt)
        return Swift.readLine(strippingNewline: true)
    }
}

/// A terminal that answers prompts from a script and records what was shown; for tests.
public final class ScriptedTerminal: RunTerminal, @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [String]
    private var shown = ""
    private var asked: [String] = []

    /// Creates a terminal that answers prompts with `answers`, in order, then reports end of input.
    public init(answers: [String]) { self.answers = answers }

    /// Appends `text` to ``transcript``.
    public func write(_ text: String) { lock.withLock { shown += text } }

    /// Records `prompt` in ``transcript`` and ``prompts`` and returns the next answer; nil once they run out.
    public func readLine(prompt: String) -> String? {
        lock.withLock {
            shown += prompt
            asked.append(prompt)
            return answers.isEmpty ? nil : answers.removeFirst()
        }
    }

    /// Everything written, prompts included.
    public var transcript: String { lock.withLock { shown } }
    /// The prompts, in order.
    public var prompts: [String] { lock.withLock { asked } }
}
