import XCTest

final class RunbookLintPlaceholder: XCTestCase {}
