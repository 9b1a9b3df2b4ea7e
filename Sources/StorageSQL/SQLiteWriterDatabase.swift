import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit
import SQLiteKit

/// ``SQLiteWriterConnection`` as an `SQLDatabase`: the store's SQL runs on it unchanged, each
/// statement synchronously on the calling thread.
struct SQLiteWriterDatabase: SQLDatabase {
    let connection: SQLiteWriterConnection
    let logger: Logger
    let encoder = SQLiteDataEncoder()
    let decoder = SQLiteDataDecoder()

    var eventLoop: any EventLoop { MultiThreadedEventLoopGroup.singleton.any() }
    var dialect: any SQLDialect { SQLiteDialect() }
    var queryLogLevel: Logger.Level? { nil }

    func execute(
        sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void
    ) -> EventLoopFuture<Void> {
        do {
            try run(query, onRow)
            return eventLoop.makeSucceededVoidFuture()
        } catch {
            return eventLoop.makeFailedFuture(error)
        }
    }

    func execute(sql query: any SQLExpression, _ onRow: @escaping @Sendable (any SQLRow) -> Void) async throws {
        try run(query, onRow)
    }

    func withSession<R>(_ closure: @escaping @Sendable (any SQLDatabase) async throws -> R) async throws -> R {
        try await closure(self)
    }

    /// Runs a ``StoreStatement`` as it is: no serialization, values bound directly.
    func directRows(_ statement: StoreStatement) throws -> [any SQLRow] {
        var rows: [any SQLRow] = []
        try connection.execute(statement.sql, statement.values) { row in
            rows.append(SQLiteWriterSQLRow(row: row, decoder: decoder))
        }
        return rows
    }

    /// Runs an `INSERT` of `count` rows and returns their ids in `VALUES` order. A table whose id is
    /// its `INTEGER PRIMARY KEY` gives each new row the largest id so far plus one, so the rows of
    /// one statement get consecutive ids ending at the connection's last rowid.
    func insertedRowIDs(_ statement: StoreStatement, count: Int) throws -> [Int64] {
        let (last, changes) = try connection.insert(statement.sql, statement.values)
        guard changes == count else {
            throw SQLiteWriterError(
                code: 1, message: "an insert of \(count) rows changed \(changes); its ids cannot be derived")
        }
        return Array((last - Int64(count) + 1)...last)
    }

    private func run(_ query: any SQLExpression, _ onRow: (any SQLRow) -> Void) throws {
        let (sql, binds) = serialize(query)
        let data = try binds.map(sqliteData)
        try connection.execute(sql, data) { row in onRow(SQLiteWriterSQLRow(row: row, decoder: decoder)) }
    }

    /// The store binds strings, integers, doubles and their optionals; those skip the generic encoder.
    private func sqliteData(_ bind: any Encodable & Sendable) throws -> SQLiteData {
        switch bind {
        case let text as String: return .text(text)
        case let integer as Int64: return .integer(Int(integer))
        case let integer as Int: return .integer(integer)
        case let double as Double: return .float(double)
        case let text as String?: return text.map { .text($0) } ?? .null
        case let integer as Int64?: return integer.map { .integer(Int($0)) } ?? .null
        case let double as Double?: return double.map { .float($0) } ?? .null
        default: return try encoder.encode(bind)
        }
    }
}

/// One result row of the SQLite writer.
struct SQLiteWriterRow: Sendable {
    /// A statement's column names, shared by its rows.
    final class Columns: Sendable {
        let names: [String]
        let offsets: [String: Int]

        init(names: [String]) {
            self.names = names
            self.offsets = Dictionary(names.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
        }
    }

    let columns: Columns
    let values: [SQLiteData]

    func value(_ column: String) -> SQLiteData? {
        columns.offsets[column].map { values[$0] }
    }
}

private struct SQLiteWriterSQLRow: SQLRow {
    let row: SQLiteWriterRow
    let decoder: SQLiteDataDecoder

    var allColumns: [String] { row.columns.names }

    func contains(column: String) -> Bool { row.value(column) != nil }

    func decodeNil(column: String) throws -> Bool { (row.value(column) ?? .null) == .null }

    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D {
        guard let data = row.value(column) else {
            throw SQLiteWriterError(code: 1, message: "the result has no column \(column)")
        }
        return try decoder.decode(D.self, from: data)
    }
}
