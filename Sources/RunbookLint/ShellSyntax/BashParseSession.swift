import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One long-lived bash that parses texts on request, each in a forked subshell under `set -n`.
///
/// Starting bash costs milliseconds; forking the running one costs a fraction of that, which
/// is what makes re-parsing after every syntax error affordable. Each text is written to a
/// file whose first line is `set -n`; the driver sources it in a subshell, so nothing after
/// that line ever runs and parser state never carries over from one text to the next. Single
/// scripts whose exact messages are wanted get a real `bash -n` instead.
final class BashParseSession {
    /// The outcome of one parse.
    struct Outcome {
        /// The subshell's exit status (2 after a syntax error).
        var status: Int32
        /// What bash printed, in order.
        var diagnostics: [BashDiagnostic]

        /// Nothing to report: status 0 and no message (not even a here-document warning).
        var isClean: Bool { status == 0 && diagnostics.isEmpty }
    }

    let bashPath: String
    /// Where the texts are written (`<name>-<n>.sh`); bash prefixes its messages with the path.
    private let directory: URL
    private let name: String
    private let child: ChildProcess
    private let requestSocket: Int32
    private let replies: Int32
    private let marker: [UInt8]
    private var buffer: [UInt8] = []
    private var ended = false

    /// Requests are `S <file>`: source the file in a subshell (its first line, `set -n`, stops
    /// all execution), or `N <file>`: run `bash -n` on it, the reference for one script.
    private static let driver = """
        while IFS=' ' read -r __fb_kind __fb_request; do
          if [ "$__fb_kind" = N ]; then
            "$BASH" --noprofile --norc -n "$__fb_request" </dev/null >/dev/null
          else
            ( . "$__fb_request" ) </dev/null >/dev/null
          fi
          printf '\\036%s %d\\n' "$1" "$?" >&2
        done

        """

    /// Starts bash for files in `directory` (which must exist and be private to this check)
    /// and checks that `set -n` really stops execution there.
    init(bashPath: String, directory: URL, name: String) throws {
        self.bashPath = bashPath
        self.directory = directory
        self.name = name
        let driverURL = directory.appendingPathComponent("\(name)-driver.sh")
        do {
            try Data(Self.driver.utf8).write(to: driverURL)
        } catch {
            throw ShellSyntaxError.temporaryFiles("\(driverURL.path): \(error)")
        }
        let nonce = UUID().uuidString
        marker = Array("\u{1E}\(nonce) ".utf8)

        let (childEnd, parentEnd) = try ChildProcess.socketPair()
        let null: Int32
        let errors: (read: Int32, write: Int32)
        do {
            null = try ChildProcess.openNull()
            do { errors = try ChildProcess.pipe() } catch {
                ChildProcess.closeDescriptor(null)
                throw error
            }
        } catch {
            ChildProcess.closeDescriptor(childEnd)
            ChildProcess.closeDescriptor(parentEnd)
            throw error
        }
        defer {
            ChildProcess.closeDescriptor(childEnd)
            ChildProcess.closeDescriptor(null)
            ChildProcess.closeDescriptor(errors.write)
        }
        do {
            child = try ChildProcess.spawn(
                bashPath, ["--noprofile", "--norc", driverURL.path, nonce],
                environment: ["LC_ALL": "C", "PATH": "/usr/bin:/bin"],
                standardInput: childEnd, standardOutput: null, standardError: errors.write)
        } catch {
            ChildProcess.closeDescriptor(parentEnd)
            ChildProcess.closeDescriptor(errors.read)
            throw error
        }
        requestSocket = parentEnd
        replies = errors.read

        // A bash that ignored `set -n` would have run this `exit 42`.
        let canary = try parse("set -n\nexit 42\n")
        guard canary.status == 0 else {
            end()
            throw ShellSyntaxError.bashUnsafe(bashPath)
        }
    }

    deinit { end() }

    /// What one request asks for.
    enum Request {
        /// Parse the text (whose first line must be `set -n`) in a forked subshell.
        case parse(String)
        /// Run `bash -n` on the text: exactly what bash says about it alone.
        case check(String)
    }

    /// Parses `text` (whose first line must be `set -n`) in a forked subshell and returns what
    /// bash reported.
    func parse(_ text: String) throws -> Outcome {
        try run([.parse(text)])[0]
    }

    /// Runs several requests with one round trip: all are sent before the first reply is read,
    /// so the driver goes from one to the next without waiting for this side.
    func run(_ requests: [Request]) throws -> [Outcome] {
        var lines = ""
        var paths: [String] = []
        for (index, request) in requests.enumerated() {
            let url = directory.appendingPathComponent("\(name)-\(index).sh")
            let (kind, text): (String, String)
            switch request {
            case .parse(let body): (kind, text) = ("S", body)
            case .check(let body): (kind, text) = ("N", body)
            }
            do {
                try Data(text.utf8).write(to: url)
            } catch {
                throw ShellSyntaxError.temporaryFiles("\(url.path): \(error)")
            }
            lines += "\(kind) \(url.path)\n"
            paths.append(url.path)
        }
        guard ChildProcess.send(requestSocket, Array(lines.utf8)) else {
            throw ShellSyntaxError.bashSessionFailed(bashPath, "it stopped reading requests")
        }
        return try paths.map { try readReply(fileName: $0) }
    }

    /// Ends the driver: it stops at the end of its input.
    func end() {
        guard !ended else { return }
        ended = true
        ChildProcess.closeDescriptor(requestSocket)
        _ = child.wait()
        ChildProcess.closeDescriptor(replies)
    }

    private func readReply(fileName: String) throws -> Outcome {
        var lineStart = 0
        while true {
            while let newline = buffer[lineStart...].firstIndex(of: UInt8(ascii: "\n")) {
                if buffer.count - lineStart >= marker.count,
                    buffer[lineStart..<(lineStart + marker.count)].elementsEqual(marker)
                {
                    let status =
                        Int32(String(decoding: buffer[(lineStart + marker.count)..<newline], as: UTF8.self)) ?? -1
                    let messages = String(decoding: buffer[0..<lineStart], as: UTF8.self)
                    buffer.removeSubrange(0...newline)
                    return Outcome(status: status, diagnostics: BashDiagnostic.parse(messages, fileName: fileName))
                }
                lineStart = newline + 1
            }
            if try ChildProcess.readChunk(replies, into: &buffer) == 0 {
                throw ShellSyntaxError.bashSessionFailed(bashPath, "its output ended")
            }
        }
    }
}
