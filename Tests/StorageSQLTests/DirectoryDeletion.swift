import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Waits until `directory` itself is deleted, at most `seconds`, on the kernel's notification
/// (inotify's `IN_DELETE_SELF`) rather than by looking again and again. Returns whether it is gone.
func waitForDeletion(of directory: URL, seconds: Int32) throws -> Bool {
    let descriptor = inotify_init1(O_CLOEXEC)
    guard descriptor >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(descriptor) }
    guard inotify_add_watch(descriptor, directory.path, UInt32(IN_DELETE_SELF)) >= 0 else {
        // Deleted before the watch could be set.
        if errno == ENOENT { return true }
        throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
    }
    let deadline = Date(timeIntervalSinceNow: TimeInterval(seconds))
    var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
    // Until the notification or the deadline; a signal only restarts the wait.
    while poll(&entry, 1, Int32(max(0, deadline.timeIntervalSinceNow) * 1000)) < 0, errno == EINTR {}
    return !FileManager.default.fileExists(atPath: directory.path)
}
