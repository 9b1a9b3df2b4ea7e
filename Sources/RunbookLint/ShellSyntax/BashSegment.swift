/// Many scripts framed into one text that bash parses in one go (under `set -n`), with the map
/// from the text's lines back to the scripts.
///
/// bash stops at the first syntax error, and a script that ends inside an open construct
/// would swallow the scripts after it. Each script is therefore framed so that every way of
/// "ending open" turns into an error in the frame right after that script:
///
/// ```
/// { ( case _ in _)             opener: a `)`, `}`, `fi`, `done`… of the script fails at once
/// <script>
/// # }}}} ]]]] )))))) ; &&      closes a dangling `${`, `$[`, `$((` and then fails; a comment otherwise
/// ;; esac ) }                  fails after an open `if`, `{`, `(`, `$(`, `|`, `&&`, `case`…
///                              (a script with `case` syntax of its own, whose `esac` would
///                              close this frame, gets `if :; then :` … `fi ) }` instead)
/// : <<__FB_G__                 a dangling here-document ends at one of the script's own
/// <each heredoc delimiter>     delimiters, and `; &&` then fails; otherwise all of this is a
/// ; &&                         here-document body
/// __FB_G__
/// : '}; &&' "}; &&" `}; &&`    fails when a single (or `$'`) quote, double quote or backquote
///                              is open, also inside a dangling `${`: the quote that closes it
///                              exposes `}` (closing the `${`) and `; &&` (bash does not parse
///                              backquotes under -n, so the last part is harmless otherwise)
/// ```
///
/// The framing lines hold no quotes, `$` or backquotes except in that last line, so a script
/// that ends inside a quote reaches it in the same quote. A clean script leaves bash at the
/// top level after its frame, and none of these lines is an error there. Line 1 of the text is
/// `set -n`, so that the text is parsed and never run.
struct BashSegment {
    /// Text that scripts must not contain to share a segment (it would collide with the framing).
    static let reservedMarker = "__FB_"

    /// Where a line of the segment falls.
    enum Spot: Equatable {
        /// Inside the script at `position`, on the script's own `line`.
        case body(position: Int, line: Int)
        /// In the framing right after the script at `position` (or at the end of the text).
        case after(position: Int)
    }

    /// The text to parse.
    let text: String
    /// Line numbers (in `text`) of each frame's first script line, and of the line after it.
    private let bodyRanges: [Range<Int>]

    init(_ scripts: [PreparedScript]) {
        var text = "set -n\n"
        var line = 1
        var ranges: [Range<Int>] = []
        ranges.reserveCapacity(scripts.count)
        for script in scripts {
            text += script.usesCase ? "{ ( if :; then :\n" : "{ ( case _ in _)\n"
            let start = line + 2
            text += script.text
            line += 1 + script.lineCount
            ranges.append(start..<(line + 1))
            text += "# }}}} ]]]] )))))) ; &&\n"
            text += script.usesCase ? "fi ) }\n" : ";; esac ) }\n"
            text += ": <<\(Self.reservedMarker)G__\n"
            for delimiter in script.heredocDelimiters { text += delimiter + "\n" }
            text += "; &&\n\(Self.reservedMarker)G__\n"
            text += ": '}; &&' \"}; &&\" `}; &&`\n"
            line += 6 + script.heredocDelimiters.count
        }
        self.text = text
        self.bodyRanges = ranges
    }

    /// The script a reported line belongs to. Lines before a script's body (its opener) count
    /// as the framing after the previous script; lines past the end count for the last one.
    func locate(line: Int) -> Spot {
        guard !bodyRanges.isEmpty else { return .after(position: 0) }
        // The last frame whose body starts at or before `line`.
        var low = 0
        var high = bodyRanges.count
        while low < high {
            let middle = (low + high) / 2
            if bodyRanges[middle].lowerBound <= line { low = middle + 1 } else { high = middle }
        }
        let position = low - 1
        guard position >= 0 else { return .after(position: 0) }
        let range = bodyRanges[position]
        if range.contains(line) { return .body(position: position, line: line - range.lowerBound + 1) }
        return .after(position: position)
    }
}
