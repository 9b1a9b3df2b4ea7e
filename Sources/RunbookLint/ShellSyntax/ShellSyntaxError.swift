/// Why the shell syntax check could not run at all (as opposed to a script being wrong,
/// which is a ``ShellSyntaxIssue``).
public struct ShellSyntaxError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case bashNotFound(path: String)
        case bashUnsafe(path: String)
        case bashSessionFailed(path: String, detail: String)
        case shellcheckFailed(path: String, status: Int32, detail: String)
        case shellcheckOutputUnreadable(path: String, detail: String)
        case temporaryFiles(detail: String)
        case launchFailed(path: String, detail: String)
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    static func bashNotFound(_ path: String) -> Self { Self(.bashNotFound(path: path)) }
    static func bashUnsafe(_ path: String) -> Self { Self(.bashUnsafe(path: path)) }
    static func bashSessionFailed(_ path: String, _ detail: String) -> Self {
        Self(.bashSessionFailed(path: path, detail: detail))
    }
    static func shellcheckFailed(_ path: String, status: Int32, _ detail: String) -> Self {
        Self(.shellcheckFailed(path: path, status: status, detail: detail))
    }
    static func shellcheckOutputUnreadable(_ path: String, _ detail: String) -> Self {
        Self(.shellcheckOutputUnreadable(path: path, detail: detail))
    }
    static func temporaryFiles(_ detail: String) -> Self { Self(.temporaryFiles(detail: detail)) }
    static func launchFailed(_ path: String, _ detail: String) -> Self {
        Self(.launchFailed(path: path, detail: detail))
    }

    /// What stopped the check, and what to do about it.
    public var description: String {
        switch code {
        case .bashNotFound(let path):
            return
                "bash not found or not executable at \(path): install bash or point the shell syntax check at another bash"
        case .bashUnsafe(let path):
            return "\(path) executed a script that it was told only to parse (set -n had no effect): "
                + "use a standard GNU bash for the shell syntax check"
        case .bashSessionFailed(let path, let detail):
            return "the syntax check with \(path) stopped unexpectedly (\(detail)): re-run; "
                + "if it persists, check that \(path) is GNU bash"
        case .shellcheckFailed(let path, let status, let detail):
            return "\(path) exited with status \(status) (\(detail)): check that it is shellcheck 0.7 or newer, "
                + "or turn the shellcheck part of the shell check off"
        case .shellcheckOutputUnreadable(let path, let detail):
            return "could not read the JSON that \(path) printed (\(detail)): check that it is shellcheck 0.7 or newer"
        case .temporaryFiles(let detail):
            return "could not write temporary files for the shell check (\(detail)): "
                + "check that the temporary directory (TMPDIR) is writable and not full"
        case .launchFailed(let path, let detail):
            return "could not start \(path) (\(detail)): check that it exists and is executable"
        }
    }
}
