import Foundation
import IncidentEngine
import PostgresKit
import SQLiteKit
import Storage

/// Builds the ``Storage/StoreError``s of the SQL store and maps driver errors onto them.
enum StoreErrors {
    /// The database was migrated by a newer Firebreak.
    static func newerSchema(found: Int, known: Int) -> StoreError {
        .unavailable(
            "the database schema is version \(found) but this firebreak knows only up to \(known); run a newer firebreak"
        )
    }

    /// The write-ahead log could not be flushed: committed writes may not survive a power loss.
    static func flushFailed(_ path: String, _ call: String, _ code: Int32) -> StoreError {
        .unavailable(
            "\(call) of \(path) failed: \(String(cString: strerror(code))); the write is committed but may not be on disk, check the disk and the server's log"
        )
    }

    /// A write committed while the store was closing, after its last flush.
    static let closedDuringFlush = StoreError.unavailable(
        "the store closed before the write was flushed to disk; check that it is there after restart")

    /// Maps a driver error to a ``StoreError`` (other errors, such as the engine's, pass through).
    static func map(_ error: any Error) -> any Error {
        if error is StoreError { return error }
        if let sqlite = error as? SQLiteError {
            switch sqlite.reason {
            case .corrupt, .notADatabase: return StoreError.corrupt(sqlite.message)
            case .tooBig: return StoreError.invalid("a value is too large for the database (\(sqlite.message))")
            default: return StoreError.unavailable("SQLite: \(sqlite.message)")
            }
        }
        if let sqlite = error as? SQLiteWriterError {
            switch sqlite.primaryCode {
            case 11, 26: return StoreError.corrupt(sqlite.message)  // SQLITE_CORRUPT, SQLITE_NOTADB
            // SQLITE_TOOBIG
            case 18: return StoreError.invalid("a value is too large for the database (\(sqlite.message))")
            default: return StoreError.unavailable("SQLite: \(sqlite.message)")
            }
        }
        if let postgres = error as? PSQLError {
            let message = postgres.serverInfo?[.message] ?? "\(postgres.code)"
            switch postgres.serverInfo?[.sqlState] {
            case "22021", "22P05": return StoreError.invalid("PostgreSQL refused a text value: \(message)")
            case "54000", "22001": return StoreError.invalid("a value is too large for the database: \(message)")
            default: return StoreError.unavailable("PostgreSQL: \(message)")
            }
        }
        if error is IncidentTransitionError { return error }
        return StoreError.unavailable(String(reflecting: error))
    }

    /// Whether a job that failed with `error` should run again in a fresh savepoint: another
    /// replica opened the same key first (unique index), or PostgreSQL broke a lock cycle.
    static func isWriteRace(_ error: any Error) -> Bool {
        if let postgres = error as? PSQLError {
            return ["23505", "40P01", "40001"].contains(postgres.serverInfo?[.sqlState])
        }
        return isUniqueViolation(error)
    }

    /// Whether `error` is a unique-index clash.
    static func isUniqueViolation(_ error: any Error) -> Bool {
        if let postgres = error as? PSQLError { return postgres.serverInfo?[.sqlState] == "23505" }
        if let sqlite = error as? SQLiteError {
            return sqlite.reason == .constraintUniqueFailed || sqlite.reason == .constraintPrimaryKeyFailed
        }
        if let sqlite = error as? SQLiteWriterError { return sqlite.isUniqueViolation }
        return false
    }
}
