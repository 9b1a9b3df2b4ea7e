import Foundation
import XCTest

/// A process the integration tests start, with stdout and stderr in a log file rather than a pipe:
/// servers and the daemons some scripts leave behind (pg_ctl) would otherwise hold a pipe open and
/// block `waitUntilExit()`.
final class ChildProcess: @unchecked Sendable {
    let name: String
    let log: URL
    private let process = Process()
    /// Signalled once when the process exits.
    private let exited = DispatchSemaphore(value: 0)

    /// Starts `executable` with `arguments`; output goes to `log`.
    init(
        _ name: String, executable: URL, arguments: [String], log: URL, environment: [String: String] = [:],
        directory: URL = IntegrationPaths.packageRoot
    ) throws {
        self.name = name
        self.log = log
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        process.terminationHandler = { [exited] _ in exited.signal() }
        try process.run()
        try? handle.close()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }
    var output: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// The exit status, after waiting at most `timeout` seconds (SIGKILL and a test failure past it).
    func wait(timeout: TimeInterval) -> Int32 {
        if exited.wait(timeout: .now() + timeout) == .timedOut {
            XCTFail("\(name) did not finish within \(Int(timeout)) s; output:\n\(output.suffix(4000))")
            kill(pid, SIGKILL)
        } else {
            exited.signal()  // a later wait returns at once
        }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Waits until `GET path` answers 200; stops the process and throws when it exits first or
    /// `seconds` pass.
    func waitUntilAnswering(_ http: JSONHTTP, path: String, seconds: Double) async throws {
        do {
            _ = try await eventually("\(name) answering \(path)", seconds: seconds) {
                guard isRunning else { throw IntegrationError("\(name) exited:\n\(output.suffix(4000))") }
                let status = (try? await http.send("GET", path))?.status
                return (status == 200 ? true : nil, "status \(status.map(String.init) ?? "none")")
            }
        } catch {
            stop()
            throw error
        }
    }

    /// SIGKILL and reap; nothing when it already ended.
    func stop() {
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
    }
}

/// Where the package, the built executable and the tools are.
enum IntegrationPaths {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// The executable built beside the test bundle (`.build/<config>/firebreak`).
    static var firebreak: URL {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
            .appendingPathComponent("firebreak")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        return packageRoot.appendingPathComponent(".build/debug/firebreak")
    }

    static let exampleConfig = packageRoot.appendingPathComponent("examples/firebreak.yml")
    static let alertmanager = URL(fileURLWithPath: "/usr/bin/prometheus-alertmanager")
    static let bash = URL(fileURLWithPath: "/bin/bash")
    static let env = URL(fileURLWithPath: "/usr/bin/env")

    /// A TCP port on 127.0.0.1 that was free a moment ago.
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw IntegrationError("socket() failed: errno \(errno)") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard bound else { throw IntegrationError("could not bind a port on 127.0.0.1: errno \(errno)") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A failure of the set-up of an integration test, saying what to look at.
struct IntegrationError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A temporary directory, removed at the end unless the test failed.
final class IntegrationScratch {
    let url: URL
    init(_ prefix: String) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    func path(_ name: String) -> URL { url.appendingPathComponent(name) }
    func remove() { try? FileManager.default.removeItem(at: url) }
}
