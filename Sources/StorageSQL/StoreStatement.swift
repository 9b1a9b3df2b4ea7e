import Foundation
import SQLKit
import SQLiteKit

/// A statement of the store's ingest path with `?` placeholders and plain values. On the SQLite
/// writer it is prepared once and bound directly, skipping SQLKit's expression tree (most of the
/// writer's time at thousands of alerts a second); elsewhere it becomes an `SQLQueryString`
/// with binds, so PostgreSQL runs the same SQL.
struct StoreStatement {
    var sql: String
    var values: [StoreValue]

    init(_ sql: String, _ values: [StoreValue] = []) {
        self.sql = sql
        self.values = values
    }

    /// Appends `text`, with `values` for its placeholders.
    mutating func append(_ text: String, _ values: StoreValue...) {
        sql += text
        self.values += values
    }

    /// Appends one `VALUES` row of placeholders for `row`, preceded by a comma unless it is the first.
    mutating func appendRow(_ row: [StoreValue], first: Bool) {
        appendPlaceholders(row.count, first: first)
        values += row
    }

    /// Appends a `VALUES` row of `leading` followed by `row` (an incident id and its child row),
    /// without building the joined row first.
    mutating func appendRow(leading: StoreValue, _ row: [StoreValue], first: Bool) {
        appendPlaceholders(row.count + 1, first: first)
        values.append(leading)
        values += row
    }

    private mutating func appendPlaceholders(_ count: Int, first: Bool) {
        if !first { sql += ", " }
        sql += count < Self.rowPlaceholders.count ? Self.rowPlaceholders[count] : Self.placeholders(count)
    }

    /// `(?, …, ?)` for each width up to the widest row the store writes (an incident's 16 columns).
    private static let rowPlaceholders = (0...16).map(placeholders)

    private static func placeholders(_ count: Int) -> String {
        "(" + repeatElement("?", count: count).joined(separator: ", ") + ")"
    }

    /// Rows per multi-row statement. PostgreSQL takes at most 65,535 parameters in one statement; a
    /// thousand rows of ten columns stay well below that, and a webhook of the largest size the
    /// server accepts (10,000 alerts) becomes ten statements rather than one that PostgreSQL refuses.
    static let rowsPerStatement = 1_000

    /// `rows` in consecutive slices of at most ``rowsPerStatement``.
    static func chunks<Row>(of rows: [Row]) -> [ArraySlice<Row>] {
        stride(from: 0, to: rows.count, by: rowsPerStatement).map { start in
            rows[start..<min(start + rowsPerStatement, rows.count)]
        }
    }

    /// The SQLKit form: each `?` becomes a bind (the store's SQL holds no `?` in literals).
    var queryString: SQLQueryString {
        var query = SQLQueryString("")
        var remaining = values.makeIterator()
        for (index, part) in sql.split(separator: "?", omittingEmptySubsequences: false).enumerated() {
            if index > 0, let value = remaining.next() { query.appendInterpolation(bind: value.bindable) }
            query.appendLiteral(String(part))
        }
        return query
    }
}

/// A value bound to a ``StoreStatement``. A null keeps its column's type, which PostgreSQL needs.
enum StoreValue: Sendable {
    case text(String?)
    case integer(Int64?)
    case real(Double?)

    init(_ text: String?) { self = .text(text) }
    init(_ integer: Int64?) { self = .integer(integer) }
    init(_ date: Date?) { self = .real(date?.timeIntervalSince1970) }

    var bindable: any Encodable & Sendable {
        switch self {
        case .text(let text): text
        case .integer(let integer): integer
        case .real(let real): real
        }
    }
}

extension SQLDatabase {
    /// Runs `statement` and returns its rows.
    func rows(_ statement: StoreStatement) async throws -> [any SQLRow] {
        if let writer = self as? SQLiteWriterDatabase { return try writer.directRows(statement) }
        return try await raw(statement.queryString).all()
    }

    /// Runs `statement`, an `INSERT` of `count` rows into a table whose `id` the database assigns,
    /// and returns the new ids in `VALUES` order. On the SQLite writer the ids come from the
    /// connection's last rowid instead of `RETURNING`, which SQLite answers through a temporary
    /// table built and freed for every statement.
    func insertedIDs(_ statement: StoreStatement, count: Int) async throws -> [Int64] {
        if let writer = self as? SQLiteWriterDatabase { return try writer.insertedRowIDs(statement, count: count) }
        var returning = statement
        returning.append(" RETURNING id")
        // Ids are handed out in VALUES order; sorting makes that explicit.
        let rows = try await raw(returning.queryString).all()
        return try rows.map { try $0.decode(column: "id", as: Int64.self) }.sorted()
    }

    /// Runs `statement`, ignoring any rows.
    func run(_ statement: StoreStatement) async throws {
        if let writer = self as? SQLiteWriterDatabase {
            _ = try writer.directRows(statement)
            return
        }
        try await raw(statement.queryString).run()
    }
}
