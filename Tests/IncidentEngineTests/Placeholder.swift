import XCTest

final class IncidentEngineTestsPlaceholder: XCTestCase {}
