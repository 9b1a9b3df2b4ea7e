import XCTest

@testable import ShellAnalysis

/// The byte-level matchers give what the character-level definitions give, ASCII or not.
final class ByteMatchingTests: XCTestCase {
    /// The character-level definition of `CommandRule.flagMatches`.
    private func referenceFlagMatches(_ token: String, _ argument: String) -> Bool {
        if token.hasSuffix("*") && token.count > 1 { return argument.hasPrefix(token.dropLast()) }
        if token == argument { return true }
        if token.hasPrefix("--") {
            return !token.contains("=") && argument.hasPrefix(token) && argument.utf8.count > token.utf8.count
                && argument.utf8[argument.utf8.index(argument.utf8.startIndex, offsetBy: token.utf8.count)]
                    == UInt8(ascii: "=")
        }
        guard token.utf8.count == 2, token.hasPrefix("-"), let letter = token.utf8.last else { return false }
        return CommandRule.isCluster(argument) && argument.utf8.dropFirst().contains(letter)
    }

    private let tokens = [
        "-f", "-r", "--force", "--force=", "--all", "-*", "--dry-run*", "*", "delete", "-n 0", "", "-é", "--naïve",
    ]
    private let arguments = [
        "-f", "-rf", "-fr", "-bn1", "-1f", "-abcdefgh", "-abcdefghi", "--force", "--force=yes", "--forced", "--force=",
        "--dry-run=client", "delete", "-", "--", "", "-é", "-fé", "--naïve=1", "-f\r", "-\u{301}f", "K", "\u{212A}",
    ]

    func testFlagMatchesAgreesWithTheCharacterDefinition() {
        for token in tokens where !token.contains(" ") {
            for argument in arguments {
                XCTAssertEqual(
                    CommandRule.flagMatches(token, argument), referenceFlagMatches(token, argument),
                    "token \(token) argument \(argument)")
            }
        }
    }

    func testIsOptionAgreesWithTheCharacterDefinition() {
        for argument in arguments + ["-\u{301}", "-x\u{301}", "x-", "\u{2010}x"] {
            XCTAssertEqual(
                CommandClassifier.isOption(argument), argument.hasPrefix("-") && argument.count > 1,
                "argument \(argument)")
        }
    }

    func testSQLVerbsInAnyCase() {
        for (program, expected) in [
            ("select", true), ("SELECT", true), ("SeLeCt", true), ("show", false), ("SHOW", true), ("ınsert", true),
            ("selects", false), ("kubectl", false), ("set", false), ("SET", true), ("revo\u{212A}e", true),
        ] {
            let reference =
                LanguageSniffer.sqlVerbs.contains(program.uppercased())
                || LanguageSniffer.upperOnlySQLVerbs.contains(program)
            XCTAssertEqual(reference, expected, program)
            XCTAssertEqual(LanguageSniffer.isSQLVerb(program), reference, program)
        }
    }
}
