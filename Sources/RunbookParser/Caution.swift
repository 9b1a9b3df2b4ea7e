/// Recognises text that warns the reader before a dangerous step: `> **Warning:** …`, `⚠️`, GitHub's
/// `[!CAUTION]` alerts, "this cannot be undone".
public enum Caution {
    static let words = [
        "warning", "caution", "danger", "destructive", "irreversible", "cannot be undone", "can't be undone",
        "data loss", "lose data", "loses data", "permanently", "⚠", "[!warning]", "[!caution]", "be careful",
        "use with care", "last resort", "nuclear option",
    ]

    /// Whether `text` warns the reader.
    public static func isWarning(_ text: String) -> Bool {
        let lowered = text.lowercased()
        return words.contains { lowered.contains($0) }
    }
}
