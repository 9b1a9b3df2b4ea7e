/// A storage failure that says what failed and whether retrying can help.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    private enum Code: Sendable {
        case notFound(what: String)
        case conflict(what: String)
        case unavailable(reason: String)
        case corrupt(reason: String)
        case invalid(reason: String)
        case closed
    }

    private let code: Code

    private init(_ code: Code) { self.code = code }

    /// The named thing does not exist.
    public static func notFound(_ what: String) -> StoreError { StoreError(.notFound(what: what)) }
    /// The change clashes with stored data (a duplicate name).
    public static func conflict(_ what: String) -> StoreError { StoreError(.conflict(what: what)) }
    /// The database cannot be reached or refused the operation.
    public static func unavailable(_ reason: String) -> StoreError { StoreError(.unavailable(reason: reason)) }
    /// Stored data could not be read back.
    public static func corrupt(_ reason: String) -> StoreError { StoreError(.corrupt(reason: reason)) }
    /// The value cannot be stored as given (a NUL byte in text, an out-of-range page size).
    public static func invalid(_ reason: String) -> StoreError { StoreError(.invalid(reason: reason)) }
    /// The store was closed; nothing more can be done with it.
    public static let closed = StoreError(.closed)

    /// Whether the caller may retry the same operation later.
    public var isRetryable: Bool {
        if case .unavailable = code { return true }
        return false
    }

    /// Whether the error means "no such thing".
    public var isNotFound: Bool {
        if case .notFound = code { return true }
        return false
    }

    /// Whether the error means the input cannot be stored as given.
    public var isInvalid: Bool {
        if case .invalid = code { return true }
        return false
    }

    /// Whether the error means the store was closed.
    public var isClosed: Bool {
        if case .closed = code { return true }
        return false
    }

    /// Whether the error means "already exists".
    public var isConflict: Bool {
        if case .conflict = code { return true }
        return false
    }

    /// A message saying what failed and how to fix it.
    public var description: String {
        switch code {
        case .notFound(let what): return "\(what) does not exist; check the id"
        case .conflict(let what): return "\(what) already exists; choose another name"
        case .unavailable(let reason):
            return "the database is unavailable (\(reason)); check that it is running and reachable, then retry"
        case .corrupt(let reason): return "stored data could not be read (\(reason)); the database may need a restore"
        case .invalid(let reason): return "the value cannot be stored: \(reason)"
        case .closed: return "the store is closed (the server is shutting down); retry against a running server"
        }
    }
}
