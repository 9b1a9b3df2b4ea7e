/// Maps absolute runbook URLs to files: a link starting with ``prefix`` names the file at ``path``
/// followed by the rest of the URL.
///
/// ```yaml
/// url_maps:
///   - prefix: https://runbooks.example.com/runbooks/
///     path: runbooks/
/// ```
public struct URLMap: Hashable, Sendable {
    /// Absolute URL prefix, compared case-insensitively.
    public var prefix: String
    /// Directory (relative to the config file's directory) the prefix stands for.
    public var path: String

    /// Creates a mapping.
    public init(prefix: String, path: String) {
        self.prefix = prefix
        self.path = path
    }
}
