import XCTest

final class ShellAnalysisPlaceholder: XCTestCase {}
