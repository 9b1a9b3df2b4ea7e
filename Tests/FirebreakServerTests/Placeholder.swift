import XCTest

final class FirebreakServerTestsPlaceholder: XCTestCase {}
