import Foundation
import Yams

extension ConfigDecoder {
    static let serverKeys = ["listen", "data_dir", "database", "limits", "pagerduty", "severity_map", "service_labels"]

    func server(_ node: Node) throws -> ServerSettings {
        var settings = ServerSettings()
        for entry in try reader.mapping(node, path: "server", known: Self.serverKeys) {
            let path = "server.\(entry.key)"
            switch entry.key {
            case "listen":
                let value = try reader.string(entry.value, path: path)
                guard ListenAddress(value) != nil else {
                    throw reader.invalid(entry.value, path, "must be HOST:PORT such as 127.0.0.1:8080 (got '\(value)')")
                }
                settings.listen = value
            case "data_dir": settings.dataDirectory = try reader.string(entry.value, path: path)
            case "database":
                let value = try reader.string(entry.value, path: path)
                guard value.hasPrefix("postgres://") || value.hasPrefix("postgresql://") || value.hasPrefix("sqlite:")
                else {
                    throw reader.invalid(
                        entry.value, path,
                        "must be a postgres://user@host/db URL, or left out for SQLite in data_dir (got '\(value)')")
                }
                settings.database = value
            case "limits": settings.limits = try limits(entry.value)
            case "pagerduty": settings.pagerDutyIntegrations = try pagerDuty(entry.value)
            case "severity_map":
                for item in try reader.mapping(entry.value, path: path, known: nil) {
                    let severity = try reader.string(item.value, path: "\(path).\(item.key)").lowercased()
                    guard ServerSettings.severityNames.contains(severity) else {
                        throw reader.invalid(
                            item.value, "\(path).\(item.key)",
                            "must be one of \(ServerSettings.severityNames.joined(separator: ", ")) (got '\(severity)')"
                        )
                    }
                    settings.severityMap[item.key.lowercased()] = severity
                }
            default:
                let labels = try reader.stringList(entry.value, path: path)
                guard !labels.isEmpty else {
                    throw reader.invalid(entry.value, path, "must name at least one label, such as service")
                }
                settings.serviceLabels = labels
            }
        }
        return settings
    }

    private func limits(_ node: Node) throws -> ServerLimits {
        var limits = ServerLimits()
        let known = ["max_body_bytes", "max_alerts", "max_labels", "max_value_bytes"]
        for entry in try reader.mapping(node, path: "server.limits", known: known) {
            let path = "server.limits.\(entry.key)"
            let text = try reader.string(entry.value, path: path)
            guard let value = Int(text.replacingOccurrences(of: "_", with: "")), value > 0 else {
                throw reader.invalid(entry.value, path, "must be a positive whole number (got '\(text)')")
            }
            switch entry.key {
            case "max_body_bytes": limits.maxBodyBytes = value
            case "max_alerts": limits.maxAlerts = value
            case "max_labels": limits.maxLabels = value
            default: limits.maxValueBytes = value
            }
        }
        return limits
    }

    private func pagerDuty(_ node: Node) throws -> [PagerDutyIntegration] {
        var integrations: [PagerDutyIntegration] = []
        for entry in try reader.mapping(node, path: "server.pagerduty", known: ["integrations"]) {
            for (index, item) in try reader.list(entry.value, path: "server.pagerduty.integrations").enumerated() {
                let path = "server.pagerduty.integrations[\(index)]"
                var name: String?
                var key: String?
                for field in try reader.mapping(item, path: path, known: ["name", "routing_key"]) {
                    let value = try reader.string(field.value, path: "\(path).\(field.key)")
                    if field.key == "name" { name = value } else { key = value }
                }
                guard let name, let key else {
                    throw reader.invalid(
                        item, path, "needs both 'name' and 'routing_key' (the 32-character integration key)")
                }
                guard key.count == 32, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw reader.invalid(
                        item, "\(path).routing_key",
                        "must be 32 letters or digits, as PagerDuty integration keys are (got \(key.count) characters)")
                }
                guard !integrations.contains(where: { $0.routingKey == key }) else {
                    throw reader.invalid(
                        item, "\(path).routing_key", "is already used by another integration; give each its own key")
                }
                integrations.append(PagerDutyIntegration(name: name, routingKey: key))
            }
        }
        return integrations
    }
}
