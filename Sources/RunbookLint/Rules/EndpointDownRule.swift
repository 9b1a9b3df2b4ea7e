import Foundation
import RunbookCatalog
import RunbookModel
import ShellAnalysis

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `endpoint-down` (`--full`): a health endpoint a runbook checks (`curl …/health/ready`) does not answer 2xx/3xx.
struct EndpointDownRule: TreeLintRule {
    static let descriptions = [
        LintRuleDescription(
            id: "endpoint-down", defaultSeverity: .warning, summary: "Health endpoint does not answer",
            help: "With `--full`, health URLs named by `curl`/`wget` commands (paths with health, ready, live, ping, "
                + "status or metrics, no variables) are fetched once; a runbook pointing at a dead endpoint misleads.")
    ]

    private static let healthWords = ["health", "ready", "live", "ping", "status", "metrics", "-/healthy", "-/ready"]

    func check(_ tree: AnalyzedTree, _ context: LintContext) -> [Finding] {
        guard context.full else { return [] }
        var firstUse: [String: (SourceLocation, String?)] = [:]
        var order: [String] = []
        for document in tree.documents {
            for (block, runbook, _) in document.allBlocks {
                if block.language.isShell {
                    for (command, _) in document.blocks[block.location.line]?.commands ?? []
                    where command.program == "curl" || command.program == "wget" {
                        for word in command.arguments where Self.isHealthURL(word.text) && firstUse[word.text] == nil {
                            firstUse[word.text] = (BlockLocation.of(command, in: block), runbook?.id)
                            order.append(word.text)
                        }
                    }
                }
            }
        }
        let timeout = context.endpointTimeout
        let failures = Parallel.checkAll(order) { Self.probe($0, timeout: timeout) }
        return zip(order, failures).compactMap { url, failure in
            guard let failure, let (location, runbook) = firstUse[url] else { return nil }
            return Finding(
                rule: "endpoint-down", severity: .warning, location: location,
                message: "health endpoint \(url) \(failure); check the URL or the service", runbook: runbook)
        }
    }

    static func isHealthURL(_ text: String) -> Bool {
        guard text.hasPrefix("http://") || text.hasPrefix("https://"), !text.contains("$"), !text.contains("<"),
            !text.contains("{"), let url = URL(string: text), url.host != nil
        else { return false }
        let path = url.path.lowercased()
        return healthWords.contains { path.contains($0) }
    }

    /// nil when the endpoint answered 2xx/3xx; otherwise what went wrong.
    static func probe(_ text: String, timeout: TimeInterval) -> String? {
        guard let url = URL(string: text) else { return "is not a valid URL" }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = "GET"
        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        let result = ProbeResult()
        let done = DispatchSemaphore(value: 0)
        session.dataTask(with: request) { _, response, error in
            if let error {
                result.set("did not answer (\(error.localizedDescription))")
            } else if let http = response as? HTTPURLResponse, !(200..<400).contains(http.statusCode) {
                result.set("answered HTTP \(http.statusCode)")
            }
            done.signal()
        }.resume()
        if done.wait(timeout: .now() + timeout + 1) == .timedOut {
            result.set("did not answer within \(Int(timeout)) s")
        }
        session.invalidateAndCancel()
        return result.value
    }
}

private final class ProbeResult: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: String?
    func set(_ value: String) {
        lock.lock()
        if stored == nil { stored = value }
        lock.unlock()
    }
    var value: String? {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}

extension Parallel {
    /// Runs `body` for each item on up to 8 threads; results in order.
    static func checkAll(_ items: [String], _ body: @escaping @Sendable (String) -> String?) -> [String?] {
        Parallel.map(items.count) { body(items[$0]) }
    }
}
