import Synchronization

/// A write that is on its way: a request is being read and checked and will call the store soon.
/// A store that commits concurrent writes together may wait a moment for announced writes, so
/// they share a commit instead of each paying for one.
///
/// End the announcement when the write is about to be made, or when the request fails before
/// it (ending twice does nothing; an announcement that is released ends itself).
///
/// ```swift
/// let announcement = store.announceWrite()
/// defer { announcement.end() }
/// let notification = try decode(body)      // slow part
/// announcement.end()
/// _ = try await store.ingest(notification, using: engine)
/// ```
public final class WriteAnnouncement: Sendable {
    private let ended = Atomic<Bool>(false)
    private let onEnd: @Sendable () -> Void

    /// An announcement that calls `onEnd` once when it ends.
    public init(onEnd: @escaping @Sendable () -> Void = {}) {
        self.onEnd = onEnd
    }

    /// Ends the announcement; later calls do nothing.
    public func end() {
        if !ended.exchange(true, ordering: .acquiringAndReleasing) { onEnd() }
    }

    deinit { end() }
}
