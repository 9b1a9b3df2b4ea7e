import Foundation

/// The body of an Alertmanager webhook notification, version 4.
///
/// Required: `version`, `groupKey`, `status`, `alerts` and each alert's `status` and `labels`; the
/// rest is optional, as older and newer Alertmanagers differ in what they send.
struct AlertmanagerWebhook: Decodable, Equatable, Sendable {
    var version: String
    var groupKey: String
    var status: String
    var receiver: String?
    var groupLabels: [String: String]?
    var commonLabels: [String: String]?
    var commonAnnotations: [String: String]?
    var externalURL: String?
    var truncatedAlerts: Int?
    var alerts: [Alert]

    struct Alert: Decodable, Equatable, Sendable {
        var status: String
        var labels: [String: String]
        var annotations: [String: String]?
        var startsAt: String?
        var endsAt: String?
        var generatorURL: String?
        var fingerprint: String?
    }
}

/// Names a position in a JSON document the way people write it: `alerts[3].labels.severity`.
enum JSONPath {
    static func describe(_ path: [any CodingKey], appending key: (any CodingKey)? = nil) -> String {
        var text = ""
        for component in path + (key.map { [$0] } ?? []) {
            if let index = component.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? component.stringValue : "." + component.stringValue
            }
        }
        return text.isEmpty ? "the body" : text
    }

    /// A decoding failure as a sentence naming the JSON path and what was expected.
    static func message(for error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "\(describe(context.codingPath, appending: key)) is missing; add it"
        case .typeMismatch(let type, let context):
            return "\(describe(context.codingPath)) must be \(typeName(type))"
        case .valueNotFound(let type, let context):
            return "\(describe(context.codingPath)) must be \(typeName(type)), not null"
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty {
                return "the body is not valid JSON (\(context.debugDescription)); send a JSON object"
            }
            return "\(describe(context.codingPath)) is invalid: \(context.debugDescription)"
        @unknown default:
            return "the body could not be decoded: \(error)"
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Int.Type, is Int64.Type: return "an integer"
        case is Double.Type: return "a number"
        case is Bool.Type: return "true or false"
        case is [String: String].Type: return "an object of string values"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") { return "an array" }
            if name.hasPrefix("Dictionary") { return "an object" }
            return "an object"
        }
    }
}
