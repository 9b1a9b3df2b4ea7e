import XCTest

final class FirebreakConfigPlaceholder: XCTestCase {}
