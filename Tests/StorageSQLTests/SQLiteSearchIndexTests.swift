import Foundation
import RunbookCatalog
import XCTest

@testable import StorageSQL

/// What only the SQLite index does: persistence, schema versions, damaged files.
final class SQLiteSearchIndexTests: XCTestCase {
    private var directory: URL!
    private var path: String { directory.appendingPathComponent(".firebreak/search.sqlite").path }

    override func setUpWithError() throws {
        directory = try TemporaryDirectory.make()
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
    }

    func testIndexSurvivesReopeningAndKnowsWhatIsUnchanged() async throws {
        let first = try await SQLiteSearchIndex(path: path)
        let added = try await first.refresh(SearchFixtures.ledgerSet)
        XCTAssertEqual(added, RefreshStats(added: 3))
        try await first.close()

        let second = try await SQLiteSearchIndex(path: path)
        let hits = try await second.search("reconciliation", limit: 5)
        XCTAssertEqual(hits.map(\.id), ["LEDGER-002"])
        let stats = try await second.refresh(SearchFixtures.ledgerSet)
        XCTAssertEqual(stats, RefreshStats(unchanged: 3))
        try await second.close()
    }

    func testFileThatIsNotADatabaseIsRebuilt() async throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(repeating: 0x5A, count: 8_192).write(to: URL(fileURLWithPath: path))
        let index = try await SQLiteSearchIndex(path: path)
        let count = try await index.count()
        XCTAssertEqual(count, 0)
        let stats = try await index.refresh(SearchFixtures.ledgerSet)
        XCTAssertEqual(stats.added, 3)
        let hits = try await index.search("failover", limit: 5)
        XCTAssertEqual(hits.first?.id, "LEDGER-001")
        try await index.close()
    }

    func testOlderSchemaVersionIsRebuilt() async throws {
        let old = try await SQLiteSearchIndex(path: path)
        _ = try await old.refresh(SearchFixtures.ledgerSet)
        _ = try await old.run("UPDATE meta SET value = '0' WHERE key = 'schema_version'", [], operation: "test")
        try await old.close()

        let index = try await SQLiteSearchIndex(path: path)
        let count = try await index.count()
        XCTAssertEqual(count, 0)
        let stats = try await index.refresh(SearchFixtures.ledgerSet)
        XCTAssertEqual(stats, RefreshStats(added: 3))
        try await index.close()
    }

    func testDatabaseOfSomethingElseIsLeftAlone() async throws {
        let other = try await SQLiteSearchIndex(path: path)
        for statement in [
            "DROP TABLE search", "DROP TABLE documents", "DROP TABLE meta", "CREATE TABLE invoices (id INTEGER)",
        ] {
            _ = try await other.run(statement, [], operation: "test")
        }
        try await other.close()

        do {
            let index = try await SQLiteSearchIndex(path: path)
            try await index.close()
            XCTFail("opened a database that is not a search index")
        } catch let error as StorageSQLError {
            XCTAssertTrue(error.description.contains("left untouched"), error.description)
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
    }

    func testUseAfterCloseIsAnErrorThatSaysWhatToDo() async throws {
        let index = try await SQLiteSearchIndex(path: nil)
        try await index.close()
        do {
            _ = try await index.search("ledger", limit: 5)
            XCTFail("search after close succeeded")
        } catch let error as StorageSQLError {
            XCTAssertTrue(error.description.contains("open a new SQLiteSearchIndex"), error.description)
        }
    }

    func testUnwritableLocationIsAnErrorNotACrash() async throws {
        let blocker = directory.appendingPathComponent("blocker")
        try Data("file".utf8).write(to: blocker)
        do {
            let index = try await SQLiteSearchIndex(path: blocker.appendingPathComponent("search.sqlite").path)
            try await index.close()
            XCTFail("opened an index under a regular file")
        } catch let error as StorageSQLError {
            XCTAssertTrue(error.description.contains("cannot create the directory"), error.description)
        }
    }

    func testRefreshRewritesOnlyChangedDocuments() async throws {
        let index = try await SQLiteSearchIndex(path: nil)
        _ = try await index.refresh(SearchFixtures.ledgerSet)
        let before = try await index.run("SELECT rowid FROM documents ORDER BY rowid", [], operation: "test")
            .compactMap { $0.column("rowid")?.integer }
        var changed = SearchFixtures.ledgerSet
        changed[2].symptoms += " Compaction is behind."
        changed[2].contentHash = changed[2].computeHash()
        _ = try await index.refresh(changed)
        let after = try await index.run("SELECT rowid FROM documents ORDER BY rowid", [], operation: "test")
            .compactMap { $0.column("rowid")?.integer }
        XCTAssertEqual(Array(after.prefix(2)), Array(before.prefix(2)), "unchanged rows kept their rowids")
        XCTAssertNotEqual(after.last, before.last, "the changed row was rewritten")
        try await index.close()
    }
}

/// A fresh directory under the system's temporary directory.
enum TemporaryDirectory {
    static func make() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}
