import XCTest

final class StepExecutionTestsPlaceholder: XCTestCase {}
