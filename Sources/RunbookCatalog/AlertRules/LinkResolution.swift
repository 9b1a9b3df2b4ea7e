/// Where a runbook link from an alert rule leads.
public enum LinkResolution: Hashable, Sendable {
    /// A file of the tree (its actual path, relative to the base directory) and the `#anchor`, if any.
    case resolved(path: String, anchor: String?)
    /// No file found; `tried` lists the candidate paths looked for, for the error message.
    case missing(tried: [String])
    /// The link has Go-template parts (`{{ $labels.alertname }}`); `pattern` is the path with each
    /// template replaced by `*`, `matches` the files it can stand for (may be empty).
    case templated(pattern: String, matches: [String])
    /// An absolute URL outside every configured prefix: not checked.
    case external(String)
}
