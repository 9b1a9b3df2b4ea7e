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
    /// Prepared statements by SQL text, with the order of last use for eviction.
    private var statements: [String: OpaquePointer] = [:]
    private var lastUse: [String: UInt64] = [:]
    private var useCounter: UInt64 = 0
    private let maxStatements = 256

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
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements = [:]
        lastUse = [:]
        if let handle { sqlite_nio_sqlite3_close_v2(handle) }
        handle = nil
    }

    /// Runs `sql` with `binds`, calling `onRow` with each result row.
    func execute(_ sql: String, _ binds: [SQLiteData], onRow: (SQLiteWriterRow) -> Void) throws {
        guard let handle else { throw SQLiteWriterError(code: SQLITE_MISUSE, message: "the SQLite writer is closed") }
        let statement = try prepared(sql, on: handle)
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
        }
        for (offset, value) in binds.enumerated() {
            try check(bind(value, at: Int32(offset + 1), to: statement), on: handle)
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
    func insert(_ sql: String, _ binds: [SQLiteData]) throws -> (lastRowID: Int64, changes: Int) {
        try execute(sql, binds) { _ in }
        guard let handle else { throw SQLiteWriterError(code: SQLITE_MISUSE, message: "the SQLite writer is closed") }
        return (sqlite_nio_sqlite3_last_insert_rowid(handle), Int(sqlite_nio_sqlite3_changes64(handle)))
    }

    private func prepared(_ sql: String, on handle: OpaquePointer) throws -> OpaquePointer {
        useCounter &+= 1
        if let statement = statements[sql] {
            lastUse[sql] = useCounter
            return statement
        }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw error(status, on: handle) }
        if statements.count >= maxStatements, let oldest = lastUse.min(by: { $0.value < $1.value })?.key {
            sqlite_nio_sqlite3_finalize(statements.removeValue(forKey: oldest))
            lastUse[oldest] = nil
        }
        statements[sql] = statement
        lastUse[sql] = useCounter
        return statement
    }

    private func bind(_ value: SQLiteData, at index: Int32, to statement: OpaquePointer) -> Int32 {
        switch value {
        case .integer(let integer): return sqlite_nio_sqlite3_bind_int64(statement, index, Int64(integer))
        case .float(let double): return sqlite_nio_sqlite3_bind_double(statement, index, double)
        case .null: return sqlite_nio_sqlite3_bind_null(statement, index)
        case .text(let text):
            var text = text
            return text.withUTF8 { bytes in
                sqlite_nio_sqlite3_bind_text64(
                    statement, index,
                    bytes.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                    UInt64(bytes.count), Self.transient, UInt8(SQLITE_UTF8))
            }
        case .blob(let buffer):
            return buffer.withUnsafeReadableBytes { bytes in
                sqlite_nio_sqlite3_bind_blob64(statement, index, bytes.baseAddress, UInt64(bytes.count), Self.transient)
            }
        }
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
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
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
