import Foundation

/// Removes what documents append to titles to track their own status (`✅ COMPLETE`, `- DONE`,
/// `âœ… IMPLEMENTED`), which is not part of the runbook's name.
enum TitleCleaner {
    private static let statusWords: Set<String> = [
        "complete", "completed", "implemented", "done", "wip", "draft", "deprecated", "todo", "ready", "in progress",
        "pending", "planned", "blocked", "obsolete", "outdated", "new", "updated",
    ]

    static func clean(_ raw: String) -> String {
        if isPlain(raw) { return raw }
        var title = Mojibake.repair(raw).trimmedASCII(" \t")
        var changed = true
        while changed, !title.isEmpty {
            changed = false
            // Trailing emoji and symbols (✅ ❌ ⚠️ 🚧 ✔).
            while let last = title.unicodeScalars.last, isDecoration(last) {
                title.unicodeScalars.removeLast()
                changed = true
            }
            title = title.trimmedASCII(" \t")
            // Trailing status word in capitals, or after a decoration/separator.
            for word in statusWords {
                let upper = word.uppercased()
                if title.hasSuffix(" " + upper) || title == upper {
                    title = String(title.dropLast(upper.count)).trimmedASCII(" \t")
                    changed = true
                }
                for separator in [" - ", " — ", " – ", " | ", ": ", " ("]
                where title.lowercased().hasSuffix(separator + word)
                    || title.lowercased().hasSuffix(separator + word + ")")
                {
                    let cut = title.lowercased().hasSuffix(")") && separator == " (" ? word.count + 2 : word.count
                    title = String(title.dropLast(cut)).trimmedASCII(" \t")
                    changed = true
                }
            }
            // Dangling separators left behind.
            for separator in ["-", "—", "–", "|", ":", "("] where title.hasSuffix(separator) {
                title = String(title.dropLast()).trimmedASCII(" \t")
                changed = true
            }
        }
        return title
    }

    /// ASCII, ending in a letter or digit, last word not a status word: nothing to clean (the common case).
    private static func isPlain(_ title: String) -> Bool {
        let utf8 = title.utf8
        var lastWordStart = utf8.startIndex
        var previous: UInt8 = 0x20
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte >= 0x80 { return false }
            if previous == 0x20 && byte != 0x20 { lastWordStart = index }
            previous = byte
            index = utf8.index(after: index)
        }
        guard (0x30...0x39).contains(previous) || (0x41...0x5A).contains(previous) || (0x61...0x7A).contains(previous)
        else {
            return false
        }
        let lastWord = String(title.utf8[lastWordStart...]) ?? ""
        return !statusWords.contains(lastWord.lowercased()) && lastWord.lowercased() != "progress"
    }

    private static func isDecoration(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value == 0xFE0F || scalar.value == 0x200D { return true }
        if scalar.properties.isEmojiPresentation { return true }
        switch scalar.value {
        case 0x2600...0x27BF, 0x2B00...0x2BFF, 0x1F000...0x1FAFF: return true
        default: return false
        }
    }
}
