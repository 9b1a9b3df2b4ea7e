import XCTest

final class RunbookCatalogPlaceholder: XCTestCase {}
