import Foundation
import XCTest

/// Runs `firebreak run …` with a chosen environment and no terminal, and reads what it left behind.
enum RunHarness {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
    }

    static func run(
        _ arguments: [String], in directory: URL, environment extra: [String: String] = [:], timeout: TimeInterval = 120
    ) throws -> Result {
        let process = Process()
        process.executableURL = FirebreakBinary.url
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let outFile = directory.appendingPathComponent(".stdout-\(UUID().uuidString)")
        let errFile = directory.appendingPathComponent(".stderr-\(UUID().uuidString)")
        FileManager.default.createFile(atPath: outFile.path, contents: nil)
        FileManager.default.createFile(atPath: errFile.path, contents: nil)
        // Output goes to files: a command the run starts in the background must not keep a pipe of ours open.
        process.standardOutput = try FileHandle(forWritingTo: outFile)
        process.standardError = try FileHandle(forWritingTo: errFile)
        process.standardInput = FileHandle.nullDevice
        let exited = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in exited.signal() }
        let start = Date()
        try process.run()
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            process.terminate()
            XCTFail("firebreak \(arguments.joined(separator: " ")) did not finish within \(Int(timeout)) s")
        }
        process.waitUntilExit()
        defer {
            try? FileManager.default.removeItem(at: outFile)
            try? FileManager.default.removeItem(at: errFile)
        }
        return Result(
            status: process.terminationStatus, stdout: (try? String(contentsOf: outFile, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOf: errFile, encoding: .utf8)) ?? "", seconds: Date().timeIntervalSince(start))
    }

    /// All run log files' text under `dir/.firebreak/runs` (or the given data dir).
    static func logs(in directory: URL, dataDir: String = ".firebreak") throws -> String {
        let runs = directory.appendingPathComponent(dataDir).appendingPathComponent("runs")
        return try FileManager.default.contentsOfDirectory(atPath: runs.path).sorted().map {
            try String(contentsOf: runs.appendingPathComponent($0), encoding: .utf8)
        }.joined()
    }

    /// The events of the single run log in `directory`.
    static func events(in directory: URL) throws -> [[String: Any]] {
        try logs(in: directory).split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]
        }
    }

    /// A runbook with one read-only, one mutating and one destructive step, and a choice.
    static let gated = """
        ---
        id: E2E-GATE
        title: Gate fixture
        ---
        # Gate fixture

        ## Steps

        ### Step 1: Look

        ```bash
        echo read-only-ran
        ```

        ### Step 2: Change

        ```bash
        touch mutated.txt
        ```

        ### Step 3: Destroy

        ```bash
        rm -f victim.txt
        ```

        ### Step 4: Pick

        ```bash
        # Option 1: First way
        touch chose-first.txt
        # Option 2: Second way
        touch chose-second.txt
        ```
        """
}
