extension QuickReferenceCard {
    /// The card as one self-contained HTML page (inline CSS, no scripts, no external resources), printable on one
    /// sheet. Every value is HTML-escaped: titles and alert names come from documents and rule files.
    public func html(title: String) -> String {
        var rows: [String] = []
        for entry in entries {
            let severityClass = entry.severity.map { "sev-" + Self.escape($0) } ?? "sev-none"
            let lintClass = entry.lintErrors > 0 ? "lint-error" : entry.lintWarnings > 0 ? "lint-warning" : "lint-ok"
            let alerts =
                entry.alerts.isEmpty
                ? "—" : entry.alerts.map { "<code>\(Self.escape($0))</code>" }.joined(separator: " ")
            rows.append(
                """
                <tr class="\(severityClass)">\
                <td>\(Self.escape(entry.scenario))</td>\
                <td><span class="badge">\(Self.escape(entry.priorityLabel))</span></td>\
                <td><code>\(Self.escape(entry.runbookID))</code> \(Self.escape(entry.title))\
                <div class="where">\(Self.escape(entry.file)):\(entry.line)</div></td>\
                <td>\(Self.escape(entry.mttr ?? "—"))</td>\
                <td>\(alerts)</td>\
                <td class="\(lintClass)">\(Self.escape(entry.lintLabel))</td>\
                </tr>
                """)
        }
        let count = entries.count == 1 ? "1 runbook" : "\(entries.count) runbooks"
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(Self.escape(title))</title>
            <style>
            \(Self.style)
            </style>
            </head>
            <body>
            <h1>\(Self.escape(title))</h1>
            <table>
            <thead><tr><th>Scenario</th><th>Priority</th><th>Runbook</th><th>MTTR target</th><th>Alerts</th><th>Lint</th></tr></thead>
            <tbody>
            \(rows.joined(separator: "\n"))
            </tbody>
            </table>
            <p class="footer">\(count), most urgent first.</p>
            </body>
            </html>

            """
    }

    /// `&`, `<`, `>`, `"` and `'` as entities: safe in element content and in quoted attributes.
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }

    private static let style = """
        body { font: 14px/1.4 -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em; color: #1f2328; }
        h1 { font-size: 1.5em; margin: 0 0 0.75em; }
        table { border-collapse: collapse; width: 100%; }
        th, td { border: 1px solid #d0d7de; padding: 6px 10px; text-align: left; vertical-align: top; }
        th { background: #f6f8fa; }
        code { font: 12px ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
        .badge { display: inline-block; padding: 0 6px; border-radius: 8px; font-weight: 600; background: #eaeef2; }
        .sev-critical .badge { background: #cf222e; color: #fff; }
        .sev-high .badge { background: #fb8500; color: #fff; }
        .sev-medium .badge { background: #d4a72c; color: #1f2328; }
        .sev-low .badge, .sev-info .badge { background: #ddf4ff; color: #0969da; }
        .where { color: #656d76; font-size: 12px; }
        .lint-ok { color: #1a7f37; }
        .lint-warning { color: #9a6700; }
        .lint-error { color: #cf222e; font-weight: 600; }
        .footer { color: #656d76; font-size: 12px; }
        @media print { body { margin: 0; } th { background: none; } }
        """
}
