import Foundation
import Logging
import Storage
import StorageSQL

/// A temporary directory removed by `remove()`.
struct TemporaryStoreDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("firebreak-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

extension Logger {
    /// A logger that keeps quiet below warnings.
    static var storeTests: Logger {
        var logger = Logger(label: "firebreak.store.tests")
        logger.logLevel = .warning
        return logger
    }
}
