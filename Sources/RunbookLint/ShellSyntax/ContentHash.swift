import RunbookModel

/// SHA-256 content hashes; the implementation lives in `RunbookModel` so the server can hash tokens with it.
public typealias ContentHash = RunbookModel.ContentHash
