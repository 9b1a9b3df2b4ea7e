import Foundation

/// What a lint run built on its way to the report: parsed and analysed documents, rule results,
/// the shell check's tables. Freeing it releases hundreds of thousands of small objects one by
/// one, so that happens on a thread of its own while the caller prints the report.
final class WorkingSet: @unchecked Sendable {
    private var values: [Any]

    init(_ values: [Any]) { self.values = values }

    /// Frees the values on another thread; this box must be their last owner by then.
    func releaseInBackground() {
        let thread = Thread { [self] in values.removeAll() }
        thread.stackSize = 1 << 23
        thread.start()
    }
}
