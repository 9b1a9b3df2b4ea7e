/// One runbook split out of a document by `RunbookImporter`: a complete Markdown file with front matter.
public struct ImportedRunbook: Hashable, Sendable {
    /// The runbook's id, as written to the front matter.
    public var id: String
    /// File name for it: the GitHub slug of the id plus `.md` (`RB-001` → `rb-001.md`), unique within one split.
    public var fileName: String
    /// The file's full text: front matter, then the runbook's Markdown.
    public var text: String
    /// Where it came from: `path#anchor` for a unit of a multi-runbook document, the path for a whole file
    /// (with `ImportOptions.fixEncoding`, the anchor the repaired document has). Also written as `source:`.
    public var source: String

    /// Creates an imported runbook.
    public init(id: String, fileName: String, text: String, source: String) {
        self.id = id
        self.fileName = fileName
        self.text = text
        self.source = source
    }
}

/// How `RunbookImporter` treats the text it copies.
public struct ImportOptions: Sendable {
    /// Repair double-encoded UTF-8 (`âœ…` → `✅`) everywhere in the output. Off by default: without it the
    /// text is copied exactly as it was.
    public var fixEncoding: Bool

    /// Creates options; by default the text is copied as it is.
    public init(fixEncoding: Bool = false) {
        self.fixEncoding = fixEncoding
    }
}
