import XCTest

final class EndToEndPlaceholder: XCTestCase {}
