import Foundation
import XCTest

/// Reads the incidents of one alert group (found by its cluster label) through the server's API.
struct IncidentProbe {
    struct Incident {
        var id: String
        var status: String
        var fingerprints: Set<String>
        var timelineKinds: [String]
    }

    let api: JSONHTTP
    let cluster: String

    /// The incidents whose group key or labels name this probe's cluster.
    func matching() async throws -> [Incident] {
        let list = try await api.get("/api/v1/incidents?limit=500")
        let items = list.object["incidents"] as? [[String: Any]] ?? list.json as? [[String: Any]] ?? []
        var found: [Incident] = []
        for item in items where Self.mentions(item, cluster) {
            guard let id = Self.string(item["id"]) else { continue }
            found.append(try await incident(id))
        }
        return found
    }

    /// One incident with its alerts and timeline.
    func incident(_ id: String) async throws -> Incident {
        let body = try await api.get("/api/v1/incidents/\(id)").object
        let incident = body["incident"] as? [String: Any] ?? body
        let alerts = incident["alerts"] as? [[String: Any]] ?? body["alerts"] as? [[String: Any]] ?? []
        var timeline = incident["timeline"] as? [[String: Any]] ?? body["timeline"] as? [[String: Any]]
        if timeline == nil {
            let answer = try await api.get("/api/v1/incidents/\(id)/timeline")
            timeline = answer.object["events"] as? [[String: Any]] ?? answer.json as? [[String: Any]]
        }
        return Incident(
            id: id, status: incident["status"] as? String ?? "",
            fingerprints: Set(alerts.compactMap { $0["fingerprint"] as? String }),
            timelineKinds: (timeline ?? []).compactMap { ($0["kind"] ?? $0["type"]) as? String })
    }

    /// Polls until exactly one incident of the group satisfies `condition`.
    func waitFor(_ what: String, _ condition: @escaping (Incident) -> Bool) async throws -> Incident {
        try await eventually(what) {
            let incidents = try await matching()
            let hits = incidents.filter(condition)
            return (hits.count == 1 ? hits[0] : nil, "\(incidents)")
        }
    }

    private static func string(_ value: Any?) -> String? {
        if let text = value as? String { return text }
        if let number = value as? Int { return String(number) }
        return nil
    }

    private static func mentions(_ item: [String: Any], _ cluster: String) -> Bool {
        guard let data = try? JSONSerialization.data(withJSONObject: item) else { return false }
        return String(decoding: data, as: UTF8.self).contains(cluster)
    }
}
