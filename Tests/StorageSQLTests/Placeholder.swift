import XCTest

final class StorageSQLPlaceholder: XCTestCase {}
