extension QuickReferenceCard {
    /// The card as a GitHub table: `Scenario | Priority | Runbook | MTTR target | Alerts | Lint`, one row per
    /// runbook, in `entries` order. The runbook cell reads `RB-001: Title (file:line)`.
    public func markdown() -> String {
        var lines = [
            "| Scenario | Priority | Runbook | MTTR target | Alerts | Lint |",
            "|----------|----------|---------|-------------|--------|------|",
        ]
        for entry in entries {
            let runbook =
                entry.title == entry.runbookID
                ? "\(entry.runbookID) (\(entry.file):\(entry.line))"
                : "\(entry.runbookID): \(entry.title) (\(entry.file):\(entry.line))"
            let cells = [
                entry.scenario, entry.priorityLabel, runbook, entry.mttr ?? "—",
                entry.alerts.isEmpty ? "—" : entry.alerts.joined(separator: ", "), entry.lintLabel,
            ]
            lines.append("| " + cells.map(Self.cell).joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Text made safe for a table cell: `|` would end the cell, a line break the row, and `<` before a letter
    /// could open raw HTML; `<5 min` is left as written.
    static func cell(_ text: String) -> String {
        let characters = Array(text)
        var result = ""
        for (index, character) in characters.enumerated() {
            switch character {
            case "|": result += "\\|"
            case "\\": result += "\\\\"
            case "\n", "\r", "\r\n": result += " "
            case "<":
                let next = index + 1 < characters.count ? characters[index + 1] : " "
                let opensTag = next.isLetter || next == "/" || next == "!" || next == "?"
                result += opensTag ? "&lt;" : "<"
            default: result.append(character)
            }
        }
        return result
    }
}
