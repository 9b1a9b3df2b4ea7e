import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Sends a run's events to the server, onto the incident's timeline:
/// `POST {server}/api/v1/incidents/{incident}/runs` with `Authorization: Bearer TOKEN` and the body
/// `{"run_id": "…", "runbook": "ID", "events": [RunEvent…]}`.
///
/// Events are sent at each flush (step end, run end); a failed post is retried a few times and its events
/// are sent again with the next batch. The server being down never fails the run: `warn` is told instead.
public final class HTTPRunEventSink: RunEventSink, @unchecked Sendable {
    /// The body of each post.
    public struct Batch: Codable, Sendable {
        /// The run.
        public var runID: String
        /// Runbook id.
        public var runbook: String
        /// Events since the last accepted post, in order.
        public var events: [RunEvent]

        enum CodingKeys: String, CodingKey {
            case runID = "run_id", runbook, events
        }
    }

    private let lock = NSLock()
    private let endpoint: URL
    private let token: String?
    private let runID: String
    private let runbook: String
    private let attempts: Int
    private let retryDelay: Duration
    private let warn: @Sendable (String) -> Void
    private var pending: [RunEvent] = []
    private var warned = false

    /// Creates a sink posting to `server` for `incident`; the incident id is percent-encoded into the path.
    public init(
        server: URL, incident: String, token: String?, runID: String, runbook: String, attempts: Int = 3,
        retryDelay: Duration = .milliseconds(300), warn: @escaping @Sendable (String) -> Void
    ) {
        let encoded =
            incident.addingPercentEncoding(
                withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? incident
        var base = server.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        endpoint = URL(string: "\(base)/api/v1/incidents/\(encoded)/runs") ?? server
        self.token = token
        self.runID = runID
        self.runbook = runbook
        self.attempts = max(1, attempts)
        self.retryDelay = retryDelay
        self.warn = warn
    }

    /// The URL posts go to.
    public var url: URL { endpoint }

    /// Queues `event` for the next post.
    public func record(_ event: RunEvent) { lock.withLock { pending.append(event) } }

    /// Posts the queued events, retrying as configured; accepted events leave the queue, otherwise they stay for
    /// the next flush and `warn` is told.
    public func flush() async {
        let batch = lock.withLock { pending }
        guard !batch.isEmpty else { return }
        guard let body = try? RunEvent.makeEncoder().encode(Batch(runID: runID, runbook: runbook, events: batch)) else {
            return
        }
        var lastProblem = ""
        retrying: for attempt in 1...attempts {
            switch await post(body) {
            case .success:
                lock.withLock { pending.removeFirst(min(batch.count, pending.count)) }
                return
            case .failure(let problem):
                lastProblem = problem.message
                guard problem.retryable else { break retrying }
                if attempt < attempts { try? await Task.sleep(for: retryDelay * attempt) }
            }
        }
        warn(
            "could not send run events to \(endpoint.absoluteString) (\(lastProblem)); they are kept in the local run log and sent again at the next step"
        )
    }

    struct PostProblem: Error {
        var message: String
        var retryable: Bool
    }

    private func post(_ body: Data) async -> Result<Void, PostProblem> {
        var request = URLRequest(url: endpoint, timeoutInterval: 5)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let token, !token.isEmpty { request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        return await withCheckedContinuation { continuation in
            URLSession.shared.dataTask(with: request) { _, response, error in
                if let error {
                    continuation.resume(
                        returning: .failure(PostProblem(message: error.localizedDescription, retryable: true)))
                    return
                }
                let status = (response as? HTTPURLResponse)?.statusCode ?? 0
                if (200..<300).contains(status) {
                    continuation.resume(returning: .success(()))
                } else {
                    let hint = status == 401 || status == 403 ? "; check --token or FIREBREAK_TOKEN" : ""
                    continuation.resume(
                        returning: .failure(
                            PostProblem(message: "HTTP \(status)\(hint)", retryable: status >= 500 || status == 429)))
                }
            }.resume()
        }
    }
}
