import FirebreakConfig
import Foundation
import IncidentEngine
import RunbookCatalog
import RunbookModel
import RunbookParser

/// The runbooks as loaded at start or at the last reload, indexed for the API and for attaching a
/// runbook to each incoming alert without re-parsing anything per request.
public struct RunbookCatalogSnapshot: Sendable {
    /// Every runbook, in file order.
    public let runbooks: [Runbook]
    /// Problems loading the tree (missing roots), as messages.
    public let errors: [String]
    let search: InMemorySearchIndex
    /// The search index's terms, for ``suggestionKey(_:vocabulary:)``.
    private let vocabulary: Set<String>
    private let byID: [String: Runbook]
    private let byAlert: [String: String]
    private let byFile: [String: [Runbook]]
    private let mapper: RunbookLinkMapper
    private let suggestions = LookupCache()
    private let links = LookupCache()
    private let nameWords = LookupCache()

    /// Loads and indexes the config's runbook roots, with the same parser, exclusions and link
    /// mapping `firebreak lint` uses.
    public static func load(config: FirebreakConfig) async throws -> RunbookCatalogSnapshot {
        let filter = config.excludeFilter
        let tree = RunbookTree.load(
            roots: config.runbooks, baseDirectory: config.baseDirectory,
            isExcluded: { relative, display in
                filter.isExcluded(display) || (relative != display && filter.isExcluded(relative))
            },
            parser: RunbookDocumentParser(synonyms: SectionSynonyms(extra: config.synonyms)))
        let runbooks = tree.runbooks
        let search = InMemorySearchIndex()
        _ = try await search.refresh(SearchDocument.uniqueByKey(runbooks.map(SearchDocument.init(runbook:))))
        let mapper = RunbookLinkMapper(
            urlMaps: config.urlMaps,
            index: RunbookFileSet(baseDirectory: config.baseDirectory, relativePaths: tree.files))
        return RunbookCatalogSnapshot(
            runbooks: runbooks, errors: tree.errors.map(\.description), search: search,
            vocabulary: await search.vocabulary, mapper: mapper)
    }

    private init(
        runbooks: [Runbook], errors: [String], search: InMemorySearchIndex, vocabulary: Set<String>,
        mapper: RunbookLinkMapper
    ) {
        self.runbooks = runbooks
        self.errors = errors
        self.search = search
        self.vocabulary = vocabulary
        self.mapper = mapper
        var byID: [String: Runbook] = [:]
        var byAlert: [String: String] = [:]
        var byFile: [String: [Runbook]] = [:]
        for runbook in runbooks {
            if byID[runbook.id.lowercased()] == nil { byID[runbook.id.lowercased()] = runbook }
            for alert in runbook.metadata.alerts where byAlert[alert.lowercased()] == nil {
                byAlert[alert.lowercased()] = runbook.id
            }
            byFile[runbook.file.lowercased(), default: []].append(runbook)
        }
        self.byID = byID
        self.byAlert = byAlert
        self.byFile = byFile
    }

    /// The runbook with `id` (case-insensitive).
    public func runbook(id: String) -> Runbook? { byID[id.lowercased()] }

    /// The runbook for a notification: its `runbook_url`/`runbook` annotation, else a runbook whose
    /// `alerts:` names the alert, else the best search hit as a suggestion.
    public func attachment(for notification: AlertNotification) async -> RunbookAttachment? {
        for alert in notification.alerts {
            guard let link = alert.annotations["runbook_url"] ?? alert.annotations["runbook"] else { continue }
            let id: String?
            if let cached = links.lookup(link) {
                id = cached
            } else {
                id = resolve(link)?.id
                links.store(link, id)
            }
            if let id { return RunbookAttachment(id: id, reason: .annotation, url: link) }
        }
        var checked: String?
        for alert in notification.alerts {
            // The alerts of one group mostly share their name; each name is looked up once.
            guard let name = alert.labels["alertname"], name != checked else { continue }
            if let id = byAlert[name.lowercased()] { return RunbookAttachment(id: id, reason: .alertsField) }
            checked = name
        }
        if let name = notification.commonLabels["alertname"], let id = byAlert[name.lowercased()] {
            return RunbookAttachment(id: id, reason: .alertsField)
        }
        let first = notification.alerts.first { $0.status == .firing } ?? notification.alerts.first
        let name = first?.labels["alertname"] ?? notification.commonLabels["alertname"]
        let query = [name.map(words), notification.summary ?? first?.annotations["summary"]].compactMap { $0 }
            .joined(separator: " ")
        guard !query.isEmpty else { return nil }
        let key = Self.suggestionKey(query, vocabulary: vocabulary)
        if let cached = suggestions.lookup(key) {
            return cached.map { RunbookAttachment(id: $0, reason: .suggestion) }
        }
        let hit = (try? await search.bestMatch(query)) ?? nil
        suggestions.store(key, hit)
        return hit.map { RunbookAttachment(id: $0, reason: .suggestion) }
    }

    /// The query's terms with each term no runbook holds replaced by one marker: queries with the same
    /// key get the same best match. A term outside the vocabulary has no document frequency and no
    /// count in any runbook, so only its place among the terms matters to the ranking. In an alert
    /// storm the summaries differ by host or pod name, which no runbook holds, so one search serves
    /// every alert of the storm.
    static func suggestionKey(_ query: String, vocabulary: Set<String>) -> String {
        SearchQuery(query).terms.map { vocabulary.contains($0) ? $0 : "\u{1}" }.joined(separator: " ")
    }

    /// ``words(_:)`` of `name`, kept: an alert storm repeats a few names.
    private func words(_ name: String) -> String {
        if let cached = nameWords.lookup(name), let cached { return cached }
        let words = Self.words(name)
        nameWords.store(name, words)
        return words
    }

    /// `RedisCacheDegraded` → `RedisCacheDegraded Redis Cache Degraded`: the name and its words.
    static func words(_ name: String) -> String {
        var words: [String] = []
        var current = ""
        for character in name {
            if character.isUppercase, let last = current.last, last.isLowercase || last.isNumber {
                words.append(current)
                current = ""
            }
            if character == "_" || character == "-" || character == "." {
                if !current.isEmpty { words.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { words.append(current) }
        return ([name] + (words.count > 1 ? words : [])).joined(separator: " ")
    }

    /// The severity a runbook declares, as an incident severity.
    public func severity(ofRunbook id: String) -> IncidentSeverity? {
        switch runbook(id: id)?.metadata.severity {
        case .critical: .critical
        case .high: .high
        case .medium: .warning
        case .low, .info: .info
        case nil: nil
        }
    }

    private func resolve(_ link: String) -> Runbook? {
        switch mapper.resolve(link, fromRuleFile: "") {
        case .resolved(let path, let anchor):
            return runbook(inFile: path, anchor: anchor)
        case .templated(_, let matches) where matches.count == 1:
            return runbook(inFile: matches[0], anchor: nil)
        default:
            return nil
        }
    }

    private func runbook(inFile path: String, anchor: String?) -> Runbook? {
        guard let candidates = byFile[path.lowercased()] else { return nil }
        if let anchor, let match = candidates.first(where: { $0.anchor?.lowercased() == anchor.lowercased() }) {
            return match
        }
        return candidates.first
    }
}

/// Remembers lookups (search suggestions per query, runbook links), so a storm of one alert
/// resolves once; bounded, cleared whole when full.
final class LookupCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: String?] = [:]
    private let capacity = 4096

    func lookup(_ query: String) -> String?? {
        lock.withLock { entries[query] }
    }

    func store(_ query: String, _ id: String?) {
        lock.withLock {
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[query] = id
        }
    }
}
