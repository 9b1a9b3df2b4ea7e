import Foundation
import RunbookModel

/// Reads runbook metadata from what documents write without front matter: bold labels
/// (`**Severity**: High`, `**MTTR Target**: <5 min`), heading prefixes (`P1:`), and quick-reference
/// table rows (`| Service down | P0 | RB-001 | <5 min |`).
enum MetadataInference {
    enum Field { case severity, mttr, response, lastReviewed, owner, service, reviewEvery, alerts }

    /// Label names (normalised) that carry metadata rather than start a section.
    static let labelFields: [String: Field] = [
        "severity": .severity, "priority": .severity, "sev": .severity,
        "mttr target": .mttr, "mttr": .mttr, "resolution time": .mttr, "time to resolve": .mttr,
        "target resolution time": .mttr, "resolution target": .mttr,
        "response sla": .response, "response time": .response, "sla": .response, "response target": .response,
        "mtta target": .response, "time to acknowledge": .response,
        "last updated": .lastReviewed, "last reviewed": .lastReviewed, "last review": .lastReviewed,
        "reviewed": .lastReviewed, "updated": .lastReviewed,
        "owner": .owner, "maintained by": .owner, "owning team": .owner, "team": .owner, "author": .owner,
        "service": .service, "component": .service,
        "review frequency": .reviewEvery, "review every": .reviewEvery, "review cadence": .reviewEvery,
        "alert": .alerts, "alerts": .alerts, "alert name": .alerts,
    ]

    /// Labels that describe the document and never start a section.
    static let documentLabels: Set<String> = [
        "date", "status", "version", "document version", "target", "dependencies", "stability", "target audience",
        "total", "frequency", "downtime", "rto", "rpo", "implementation date", "implementation time", "file", "files",
    ]

    static func field(forLabel label: String) -> Field? { labelFields[SectionSynonyms.normalize(label)] }

    /// Applies `value` of `field` unless the metadata already has it (earlier sources win).
    static func apply(_ field: Field, value: String, source: String, to metadata: inout RunbookMetadata) {
        let value = value.trimmedASCII(" \t")
        guard !value.isEmpty else { return }
        switch field {
        case .severity:
            guard metadata.severityText == nil else { return }
            metadata.severityText = value
            metadata.severity = Severity(parsing: value)
            metadata.provenance["severity"] = source
        case .mttr:
            guard metadata.mttrText == nil, let duration = DurationSeconds(parsing: value) else { return }
            metadata.mttrText = value
            metadata.mttr = duration
            metadata.provenance["mttr"] = source
        case .response:
            guard metadata.responseText == nil, let duration = DurationSeconds(parsing: value) else { return }
            metadata.responseText = value
            metadata.response = duration
            metadata.provenance["response"] = source
        case .lastReviewed:
            guard metadata.lastReviewed == nil else { return }
            metadata.lastReviewed = value
            metadata.provenance["last_reviewed"] = source
        case .owner:
            if metadata.owner == nil { metadata.owner = value }
        case .service:
            if metadata.service == nil { metadata.service = value }
        case .reviewEvery:
            if metadata.reviewEvery == nil { metadata.reviewEvery = DurationSeconds(parsing: value) }
        case .alerts:
            for name in value.split(whereSeparator: { $0 == "," || $0 == " " }) {
                let trimmed = name.trimmedASCII("`*_ ")
                if UnitDetector.isAlertName(trimmed), !metadata.alerts.contains(trimmed) {
                    metadata.alerts.append(trimmed)
                }
            }
        }
    }

    /// A row of a quick-reference table that names a runbook, read into fields.
    struct TableRow {
        var runbook: String
        var fields: [(Field, String)]
        var scenario: String?
    }

    /// Rows of tables whose header has a `Runbook` (or `ID`) column.
    static func referenceRows(_ tables: [MarkdownOutline.TableElement]) -> [TableRow] {
        var rows: [TableRow] = []
        for table in tables {
            guard let header = table.rows.first else { continue }
            let names = header.map { SectionSynonyms.normalize($0) }
            guard let runbookColumn = names.firstIndex(where: { ["runbook", "id", "runbook id", "code"].contains($0) })
            else {
                continue
            }
            var columns: [(Int, Field)] = []
            var scenarioColumn: Int?
            for (index, name) in names.enumerated() {
                if let field = labelFields[name] {
                    columns.append((index, field))
                } else if ["scenario", "issue", "production issue", "incident", "problem"].contains(name) {
                    scenarioColumn = index
                }
            }
            for row in table.rows.dropFirst() where runbookColumn < row.count {
                let fields = columns.compactMap { column, field in column < row.count ? (field, row[column]) : nil }
                let scenario = scenarioColumn.flatMap { $0 < row.count ? row[$0] : nil }
                rows.append(
                    TableRow(runbook: row[runbookColumn].trimmedASCII(" \t"), fields: fields, scenario: scenario))
            }
        }
        return rows
    }
}
