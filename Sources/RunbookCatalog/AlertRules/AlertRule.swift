/// One alerting rule from a Prometheus rule file or a `PrometheusRule` resource.
///
/// Recording rules (`record:`) are not alerts and never become an `AlertRule`.
public struct AlertRule: Hashable, Sendable {
    /// The alert's name (`alert:`).
    public var name: String
    /// The rule file, as named by the caller (relative paths stay relative).
    public var file: String
    /// 1-based line of the `alert:` key.
    public var line: Int
    /// 1-based column of the `alert:` key.
    public var column: Int
    /// Name of the rule group holding the alert.
    public var group: String?
    /// `labels.severity`, as written.
    public var severity: String?
    /// `annotations.runbook_url`, else `annotations.runbook`; nil when neither is set or both are blank.
    public var runbookURL: String?
    /// Which annotation ``runbookURL`` came from (`runbook_url` or `runbook`).
    public var runbookAnnotationKey: String?
    /// 1-based line of the runbook annotation's value.
    public var runbookLine: Int?
    /// The rule's labels (scalar values only).
    public var labels: [String: String]
    /// The rule's annotations (scalar values only).
    public var annotations: [String: String]

    /// Creates a rule.
    public init(
        name: String, file: String, line: Int, column: Int, group: String? = nil, severity: String? = nil,
        runbookURL: String? = nil, runbookAnnotationKey: String? = nil, runbookLine: Int? = nil,
        labels: [String: String] = [:], annotations: [String: String] = [:]
    ) {
        self.name = name
        self.file = file
        self.line = line
        self.column = column
        self.group = group
        self.severity = severity
        self.runbookURL = runbookURL
        self.runbookAnnotationKey = runbookAnnotationKey
        self.runbookLine = runbookLine
        self.labels = labels
        self.annotations = annotations
    }
}
