import Foundation
import RunbookModel

/// Which alerts lead to which runbooks: the resolution `lint` checks and `coverage` prints.
public struct AlertCoverage: Sendable {
    /// A runbook, by id and where it is.
    public struct RunbookRef: Hashable, Sendable, Codable {
        /// The runbook's id.
        public var id: String
        /// The file it lives in.
        public var file: String
        /// 1-based line where its title was found.
        public var line: Int
    }

    /// One alert and where its runbook link leads.
    public struct Entry: Sendable {
        /// How the alert reaches a runbook, if at all.
        public enum Status: String, Sendable, Codable {
            /// The link resolves to a file (and anchor) that exists.
            case resolved
            /// The link resolves to nothing.
            case unresolved
            /// The link is templated; `runbooks` lists the files it can reach.
            case templated
            /// An absolute URL outside the mapped prefixes: not checked.
            case external
            /// No link, but a runbook declares the alert in `alerts:`.
            case declared
            /// No link and no runbook declares it.
            case none
        }

        /// The alerting rule.
        public var alert: AlertRule
        /// How its link resolved, or whether a runbook declares it.
        public var status: Status
        /// The link as written, if any.
        public var link: String?
        /// Why it failed (the paths tried), for unresolved links.
        public var detail: String?
        /// Runbooks the link leads to, then those declaring the alert in `alerts:`, without duplicates.
        public var runbooks: [RunbookRef]
    }

    /// One entry per alert, in the order the alerts were given.
    public var entries: [Entry]
    /// Runbooks that no alert links to or is declared by.
    public var runbooksWithoutAlert: [RunbookRef]
    /// Alerts a runbook declares in `alerts:` that no rule file defines: (runbook, alert name).
    public var unknownDeclaredAlerts: [(runbook: RunbookRef, alert: String)]

    /// Resolves every alert's runbook link against the parsed documents.
    public static func compute(
        documents: [RunbookDocument], alerts: [AlertRule], mapper: RunbookLinkMapper
    ) -> AlertCoverage {
        var byFile: [String: RunbookDocument] = [:]
        for document in documents { byFile[BrokenPath.key(document.file)] = document }
        func ref(_ runbook: Runbook) -> RunbookRef {
            RunbookRef(id: runbook.id, file: runbook.file, line: runbook.location.line)
        }
        var declared: [String: [RunbookRef]] = [:]
        for document in documents {
            for runbook in document.runbooks {
                for alert in runbook.metadata.alerts { declared[alert, default: []].append(ref(runbook)) }
            }
        }
        var linked = Set<RunbookRef>()
        var entries: [Entry] = []
        for alert in alerts {
            var entry = Entry(alert: alert, status: .none, link: alert.runbookURL, detail: nil, runbooks: [])
            if let link = alert.runbookURL, !link.trimmingCharacters(in: .whitespaces).isEmpty {
                switch mapper.resolve(link, fromRuleFile: alert.file) {
                case .resolved(let path, let anchor):
                    // A web URL names the rendered page: prefer the Markdown runbook over a same-named file without extension.
                    if let document = byFile[BrokenPath.key(path)] ?? byFile[BrokenPath.key(path + ".md")] {
                        let targets = runbooks(in: document, anchor: anchor)
                        if let anchor, targets == nil {
                            entry.status = .unresolved
                            entry.detail = "\(path) has no heading with anchor #\(anchor)"
                        } else {
                            entry.status = .resolved
                            entry.runbooks = (targets ?? document.runbooks).map(ref)
                        }
                    } else {
                        entry.status = .resolved
                    }
                case .missing(let tried):
                    entry.status = .unresolved
                    entry.detail = "no file at " + tried.prefix(3).joined(separator: ", ")
                case .templated(let pattern, let matches):
                    entry.status = matches.isEmpty ? .unresolved : .templated
                    entry.detail = matches.isEmpty ? "no file matches the pattern \(pattern)" : "pattern \(pattern)"
                    entry.runbooks = matches.compactMap { byFile[BrokenPath.key($0)] }.flatMap(\.runbooks).map(ref)
                case .external:
                    entry.status = .external
                }
            }
            let declaring = declared[alert.name] ?? []
            if entry.status == .none, !declaring.isEmpty { entry.status = .declared }
            entry.runbooks += declaring.filter { !entry.runbooks.contains($0) }
            linked.formUnion(entry.runbooks)
            entries.append(entry)
        }
        let alertNames = Set(alerts.map(\.name))
        var without: [RunbookRef] = []
        var unknown: [(RunbookRef, String)] = []
        for document in documents {
            for runbook in document.runbooks {
                let reference = ref(runbook)
                if !linked.contains(reference) { without.append(reference) }
                for alert in runbook.metadata.alerts where !alertNames.contains(alert) {
                    unknown.append((reference, alert))
                }
            }
        }
        return AlertCoverage(entries: entries, runbooksWithoutAlert: without, unknownDeclaredAlerts: unknown)
    }

    /// The runbooks an anchor designates: the unit with that anchor, or the unit holding that heading.
    /// nil when the anchor is not in the document at all.
    private static func runbooks(in document: RunbookDocument, anchor: String?) -> [Runbook]? {
        guard let anchor, !anchor.isEmpty else { return document.runbooks }
        let wanted = anchor.lowercased()
        if let unit = document.runbooks.first(where: { $0.anchor == wanted }) { return [unit] }
        guard let heading = document.headings.first(where: { $0.anchor == wanted }) else { return nil }
        return document.runbooks.filter { $0.lines.contains(heading.location.line) }
    }
}

/// Path comparison key: normalised, case-insensitive (runbook URLs are matched case-insensitively).
enum BrokenPath {
    static func key(_ path: String) -> String {
        var parts: [Substring] = []
        for part in path.split(separator: "/") where part != "." {
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
        }
        return (path.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/").lowercased()
    }
}
