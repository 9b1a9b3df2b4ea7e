/// Why a run could not start or go on: bad arguments, unreadable files, missing parameters.
/// The message says what is wrong and how to fix it.
public struct RunError: Error, Sendable, CustomStringConvertible {
    enum Code: Sendable {
        case usage
        case io
    }

    let code: Code
    /// What went wrong and how to fix it.
    public let message: String

    /// Whether this is a usage error (exit status 2 either way; kept apart for callers that care).
    public var isUsage: Bool { code == .usage }

    /// The message alone, so that printing the error tells what is wrong and how to fix it.
    public var description: String { message }

    static func usage(_ message: String) -> RunError { RunError(code: .usage, message: message) }
    static func io(_ message: String) -> RunError { RunError(code: .io, message: message) }
}
