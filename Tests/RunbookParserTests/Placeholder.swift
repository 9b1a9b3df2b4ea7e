import XCTest

final class RunbookParserPlaceholder: XCTestCase {}
