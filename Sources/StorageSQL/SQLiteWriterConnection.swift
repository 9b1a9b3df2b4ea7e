import CSQLiteLogBuffer
import Foundation
import NIOCore
import SQLiteKit
import VaporCSQLite

/// The store's write connection to SQLite, driven directly through the C API on the caller's
/// thread: no thread-pool hop per statement, and prepared statements are kept and reused.
///
/// Not thread-safe: the backend hands it to one writer at a time (``SQLStoreBackend/withWriter(_:)``).
/// It is linked against the same SQLite library as the read connections, so POSIX locks on the
/// database file are shared correctly inside the process. It opens the database through the log
/// buffer VFS (`CSQLiteLogBuffer`): a commit's frames reach the write-ahead log in one write
/// instead of two per page, and are all in the file before the commit is visible to readers.
final class SQLiteWriterConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    /// Prepared statements by SQL text, each with its last use for eviction; a class, so that a hit
    /// costs one lookup (hashing the SQL text) and no second one to record the use.
    private var statements: [String: Prepared] = [:]
    private var useCounter: UInt64 = 0
    private let maxStatements = 256

    /// How many prepared statements are kept (at most 256).
    var preparedStatementCount: Int { statements.count }

    /// A prepared statement and when it was last used.
    private final class Prepared {
        let statement: OpaquePointer
        var lastUse: UInt64

        init(_ statement: OpaquePointer, lastUse: UInt64) {
            self.statement = statement
            self.lastUse = lastUse
        }
    }

    /// Opens (creating when missing) the database at `path`.
    init(path: String) throws {
        var handle: OpaquePointer?
        let registered = firebreak_log_buffer_register()
        guard registered == SQLITE_OK else {
            throw SQLiteWriterError(code: registered, message: "cannot register the log buffer VFS")
        }
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, firebreak_log_buffer_vfs_name)
        guard status == SQLITE_OK, let handle else {
            let message = handle.flatMap { sqlite_nio_sqlite3_errmsg($0) }.map { String(cString: $0) } ?? "cannot open"
            sqlite_nio_sqlite3_close(handle)
            throw SQLiteWriterError(code: status, message: message)
        }
        sqlite_nio_sqlite3_extended_result_codes(handle, 1)
        self.handle = handle
    }

    deinit { close() }

    /// Finalizes every statement and closes the database; later calls do nothing.
    func close() {
        for prepared in statements.values { sqlite_nio_sqlite3_finalize(prepared.statement) }
        statements = [:]
        if let handle { sqlite_nio_sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Runs `sql` with `binds`, calling `onRow` with each result row.
    func execute<Bind: SQLiteWriterBindable>(
        _ sql: String, _ binds: [Bind], onRow: (SQLiteWriterRow) -> Void
    ) throws {
        guard let handle else { throw SQLiteWriterError(code: SQLITE_MISUSE, message: "the SQLite writer is closed") }
        let statement = try prepared(sql, on: handle)
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        for (offset, value) in binds.enumerated() {
            try check(value.bind(at: Int32(offset + 1), to: statement), on: handle)
        }
        var columns: SQLiteWriterRow.Columns?
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw error(status, on: handle) }
            let names = columns ?? Self.columns(of: statement)
            columns = names
            let count = Int32(names.names.count)
            var values: [SQLiteData] = []
            values.reserveCapacity(Int(count))
            for column in 0..<count { values.append(Self.value(of: statement, at: column)) }
            onRow(SQLiteWriterRow(columns: names, values: values))
        }
    }

    /// Runs an `INSERT` and returns the last inserted rowid and the number of rows it changed.
    func insert<Bind: SQLiteWriterBindable>(
        _ sql: String, _ binds: [Bind]
    ) throws -> (lastRowID: Int64, changes: Int) {
        try execute(sql, binds) { _ in }
        guard let handle else { throw SQLiteWriterError(code: SQLITE_MISUSE, message: "the SQLite writer is closed") }
        return (sqlite_nio_sqlite3_last_insert_rowid(handle), Int(sqlite_nio_sqlite3_changes64(handle)))
    }

    private func prepared(_ sql: String, on handle: OpaquePointer) throws -> OpaquePointer {
        useCounter &+= 1
        if let prepared = statements[sql] {
            prepared.lastUse = useCounter
            return prepared.statement
        }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status, on: handle) }
        if statements.count >= maxStatements,
            let oldest = statements.min(by: { $0.value.lastUse < $1.value.lastUse })?.key,
            let evicted = statements.removeValue(forKey: oldest)
        {
            sqlite_nio_sqlite3_finalize(evicted.statement)
        }
        statements[sql] = Prepared(statement, lastUse: useCounter)
        return statement
    }

    private static func columns(of statement: OpaquePointer) -> SQLiteWriterRow.Columns {
        let count = sqlite_nio_sqlite3_column_count(statement)
        let names = (0..<count).map { column in
            sqlite_nio_sqlite3_column_name(statement, column).map { String(cString: $0) } ?? ""
        }
        return SQLiteWriterRow.Columns(names: names)
    }

    private static func value(of statement: OpaquePointer, at column: Int32) -> SQLiteData {
        switch sqlite_nio_sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(Int(sqlite_nio_sqlite3_column_int64(statement, column)))
        case SQLITE_FLOAT: return .float(sqlite_nio_sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite_nio_sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_BLOB:
            let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            if let bytes = sqlite_nio_sqlite3_column_blob(statement, column) {
                buffer.writeBytes(UnsafeRawBufferPointer(start: bytes, count: count))
            }
            return .blob(buffer)
        default: return .null
        }
    }

    private func check(_ status: Int32, on handle: OpaquePointer) throws {
        guard status == SQLITE_OK else { throw error(status, on: handle) }
    }

    private func error(_ status: Int32, on handle: OpaquePointer) -> SQLiteWriterError {
        SQLiteWriterError(
            code: sqlite_nio_sqlite3_extended_errcode(handle),
            message: String(cString: sqlite_nio_sqlite3_errmsg(handle)))
    }

    /// SQLite copies bound text and blobs before the bind call returns.
    static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
}

/// A failed call of the SQLite writer: SQLite's extended result code and its message.
struct SQLiteWriterError: Error, CustomStringConvertible {
    var code: Int32
    var message: String

    var description: String { "SQLite error \(code): \(message)" }
    /// The primary result code (the low byte of the extended one).
    var primaryCode: Int32 { code & 0xff }
    var isUniqueViolation: Bool { code == 2067 || code == 1555 }  // SQLITE_CONSTRAINT_UNIQUE, _PRIMARYKEY
}

/// A value the writer binds to a statement parameter.
protocol SQLiteWriterBindable {
    /// Binds the value to parameter `index` (1-based) of `statement`; returns SQLite's status.
    func bind(at index: Int32, to statement: OpaquePointer) -> Int32
}

extension SQLiteData: SQLiteWriterBindable {
    func bind(at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch self {
        case .integer(let integer): return sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
        case .float(let double): return sqlite_nio_sqlite3_bind_double(statement, index, double)
        case .null: return sqlite_nio_sqlite3_bind_null(statement, index)
        case .text(let text): return bindText(text, at: index, to: statement)
        case .blob(let buffer):
            return buffer.withUnsafeReadableBytes { bytes in
                sqlite_nio_sqlite3_bind_blob64(
                    statement, index, bytes.baseAddress, UInt64(bytes.count), SQLiteWriterConnection.transient)
            }
        }
    }
}

/// The store's own values bind without first becoming `SQLiteData` (an array and a copy of each
/// string per statement).
extension StoreValue: SQLiteWriterBindable {
    func bind(at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch self {
        case .text(let text?): return bindText(text, at: index, to: statement)
        case .integer(let integer?): return sqlite_nio_sqlite3_bind_int64(statement, index, integer)
        case .real(let real?): return sqlite_nio_sqlite3_bind_double(statement, index, real)
        case .text(nil), .integer(nil), .real(nil): return sqlite_nio_sqlite3_bind_null(statement, index)
        }
    }
}

/// Binds `text` as UTF-8; SQLite copies it.
private func bindText(_ text: String, at index: Int32, to statement: OpaquePointer) -> Int32 {
    var text = text
    return text.withUTF8 { bytes in
        sqlite_nio_sqlite3_bind_text64(
            statement, index, bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
            UInt64(bytes.count), SQLiteWriterConnection.transient, UInt8(SQLITE_UTF8))
    }
}
