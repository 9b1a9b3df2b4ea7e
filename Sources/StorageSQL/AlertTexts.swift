import IncidentEngine

/// The JSON texts of a notification's label and annotation maps, encoded before its write so that
/// the single writer only binds them. The engine tracks an alert with the maps it arrived with; an
/// alert whose maps differ from its notification's (or that is not in it) is encoded on the spot.
struct AlertTexts: Sendable {
    private struct Entry: Sendable {
        var labels: [String: String]
        var annotations: [String: String]
        var labelsText: String
        var annotationsText: String
    }

    private var entries: [String: Entry] = [:]

    /// Encodes the maps of `alerts`; for a repeated fingerprint the last alert counts, as in the incident.
    init(_ alerts: [IncomingAlert]) {
        entries.reserveCapacity(alerts.count)
        for alert in alerts {
            entries[alert.fingerprint] = Entry(
                labels: alert.labels, annotations: alert.annotations, labelsText: StoreText.json(alert.labels),
                annotationsText: StoreText.json(alert.annotations))
        }
    }

    /// `alert.labels` and `alert.annotations` as JSON.
    func texts(of alert: TrackedAlert) -> (labels: String, annotations: String) {
        let entry = entries[alert.fingerprint]
        return (
            entry.flatMap { $0.labels == alert.labels ? $0.labelsText : nil } ?? StoreText.json(alert.labels),
            entry.flatMap { $0.annotations == alert.annotations ? $0.annotationsText : nil }
                ?? StoreText.json(alert.annotations)
        )
    }
}
