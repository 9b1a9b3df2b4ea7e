import Foundation

/// Settings of one run.
public struct RunOptions: Sendable {
    /// Interactive, automatic (with the flags) or dry run.
    public var mode: SafetyGate.Mode
    /// Run only this step: a number, or a word of its title.
    public var step: String?
    /// Picks among alternatives without asking: an option number (1-based) or a word of its label; the
    /// first value that fits a choice is used.
    public var choices: [String] = []
    /// Default per-command timeout (a block's `timeout` attribute overrides it).
    public var timeout: Duration = .seconds(60)
    /// How long a never-terminating command is streamed before it is stopped.
    public var follow: Duration = .seconds(30)
    /// Working directory of commands; nil for the current directory.
    public var workingDirectory: String?
    /// Incident the run belongs to.
    public var incident: String?
    /// Identifier of the run (file name of its log).
    public var runID: String
    /// Who runs it (user name), for the run log.
    public var user: String?
    /// Host name of the machine it runs on, for the run log.
    public var host: String?
    /// Output bytes kept per command in the log.
    public var outputCap: Int = 64 * 1024
    /// Output bytes of each command copied into its log event.
    public var excerptBytes: Int = 4096
    /// For a dry run, the automatic mode the flags ask for (shown in the plan); nil for interactive.
    public var dryRunFlags: SafetyGate.Mode?
    /// Whether command output is shown as it comes.
    public var streamOutput = true

    /// Creates options.
    public init(mode: SafetyGate.Mode, runID: String) {
        self.mode = mode
        self.runID = runID
    }

    /// A new run id: UTC time and a random suffix, sortable (`20261123T184838Z-4f2a9c`).
    public static func newRunID(at date: Date = Date()) -> String {
        let stamp = RunEvent.timestamp(date)
        let compact = stamp.prefix(19).replacingOccurrences(of: "-", with: "").replacingOccurrences(of: ":", with: "")
        let suffix = String(UInt32.random(in: 0...0xFF_FFFF), radix: 16)
        return compact + "Z-" + String(repeating: "0", count: 6 - suffix.count) + suffix
    }
}
