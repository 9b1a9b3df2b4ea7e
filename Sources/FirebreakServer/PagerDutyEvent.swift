import Foundation
import IncidentEngine

/// A PagerDuty Events API v2 event (`POST /v2/enqueue`), every field optional so that all problems
/// can be reported at once, as PagerDuty does.
struct PagerDutyEvent: Decodable, Sendable {
    struct Payload: Decodable, Sendable {
        var summary: String?
        var source: String?
        var severity: String?
        var timestamp: String?
        var component: String?
        var group: String?
        var `class`: String?
        var customDetails: JSONValue?

        enum CodingKeys: String, CodingKey {
            case summary, source, severity, timestamp, component, group, `class`
            case customDetails = "custom_details"
        }
    }

    var routingKey: String?
    var eventAction: String?
    var dedupKey: String?
    var payload: Payload?
    var client: String?
    var clientURL: String?

    enum CodingKeys: String, CodingKey {
        case payload, client
        case routingKey = "routing_key", eventAction = "event_action", dedupKey = "dedup_key", clientURL = "client_url"
    }

    static let actions = ["trigger", "acknowledge", "resolve"]
    static let severities = ["critical", "error", "warning", "info"]
    /// PagerDuty's documented size limit for one event.
    static let maxBytes = 512 * 1024

    /// Every problem with the event, in PagerDuty's wording where it has one.
    func problems(knownRoutingKeys: [String: String]) -> [String] {
        var problems: [String] = []
        if let key = routingKey {
            if key.count != 32 {
                problems.append(
                    "'routing_key' must be 32 characters (got \(key.count)); use the integration key from your config")
            } else if knownRoutingKeys[key] == nil {
                problems.append(
                    "'routing_key' is not a configured integration; add it under server.pagerduty.integrations")
            }
        } else {
            problems.append("'routing_key' is missing or blank")
        }
        guard let action = eventAction, Self.actions.contains(action) else {
            problems.append("'event_action' is missing or invalid; use trigger, acknowledge or resolve")
            return problems
        }
        if let dedupKey, dedupKey.isEmpty || dedupKey.utf8.count > 255 || dedupKey.utf8.contains(0) {
            problems.append("'dedup_key' must be 1 to 255 characters without NUL")
        }
        if action != "trigger" {
            if dedupKey == nil { problems.append("'dedup_key' is required for \(action) events") }
            return problems
        }
        guard let payload else {
            problems.append("'payload' is missing; trigger events need summary, source and severity")
            return problems
        }
        if (payload.summary ?? "").isEmpty { problems.append("'payload.summary' is missing or blank") }
        if (payload.summary ?? "").count > 1024 { problems.append("'payload.summary' is longer than 1024 characters") }
        if (payload.source ?? "").isEmpty { problems.append("'payload.source' is missing or blank") }
        if let severity = payload.severity {
            if !Self.severities.contains(severity) {
                problems.append("'payload.severity' must be critical, error, warning or info")
            }
        } else {
            problems.append("'payload.severity' is missing; use critical, error, warning or info")
        }
        if let timestamp = payload.timestamp, TimestampParser.parse(timestamp) == nil {
            problems.append("'payload.timestamp' must be an ISO 8601 time such as 2026-01-13T10:00:00Z")
        }
        let texts = [payload.summary, payload.source, payload.component, payload.group, payload.class].compactMap { $0 }
        if texts.contains(where: { $0.utf8.contains(0) }) {
            problems.append("payload fields must not contain NUL characters")
        }
        return problems
    }

    /// The alert a trigger or resolve carries; `dedupKey` is the incident key and fingerprint.
    func alert(dedupKey: String, status: AlertStatus) -> IncomingAlert {
        guard status == .firing, let payload else { return IncomingAlert(fingerprint: dedupKey, status: status) }
        var labels: [String: String] = ["source": payload.source ?? ""]
        labels["severity"] = payload.severity
        labels["component"] = payload.component
        labels["group"] = payload.group
        labels["class"] = payload.class
        if case .object(let details) = payload.customDetails {
            for (key, value) in details {
                if case .string(let text) = value, !text.utf8.contains(0) { labels[key] = text }
            }
        }
        labels["alertname"] = labels["alertname"] ?? payload.class ?? payload.summary
        var annotations: [String: String] = [:]
        annotations["summary"] = payload.summary
        if let details = payload.customDetails, let text = details.jsonText { annotations["custom_details"] = text }
        let start = payload.timestamp.flatMap(TimestampParser.parse)
        return IncomingAlert(
            fingerprint: dedupKey, status: status, labels: labels, annotations: annotations, startsAt: start,
            generatorURL: clientURL)
    }
}

/// Any JSON value, for free-form fields such as `custom_details`.
indirect enum JSONValue: Decodable, Sendable, Equatable {
    case string(String), number(Double), bool(Bool), null
    case array([JSONValue]), object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// The value as Foundation JSON objects.
    var foundation: Any {
        switch self {
        case .string(let value): value
        case .number(let value): value
        case .bool(let value): value
        case .null: NSNull()
        case .array(let values): values.map(\.foundation)
        case .object(let values): values.mapValues(\.foundation)
        }
    }

    /// Compact JSON text of the value.
    var jsonText: String? {
        if case .string(let text) = self { return text }
        guard
            let data = try? JSONSerialization.data(
                withJSONObject: foundation, options: [.sortedKeys, .fragmentsAllowed])
        else { return nil }
        return String(decoding: data, as: UTF8.self)
    }
}
