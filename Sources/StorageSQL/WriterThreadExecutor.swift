import Foundation

/// A thread of its own for a store's writes. A task that prefers this executor runs every
/// non-suspending step here, so a whole group commit (statements, engine decisions and the commit's
/// fsync) runs on one thread without hops, and blocking SQLite calls never hold a thread of the
/// shared concurrency pool.
final class WriterThreadExecutor: TaskExecutor, @unchecked Sendable {
    /// Guards `jobs` and `stopped`.
    private let condition = NSCondition()
    private var jobs: [UnownedJob] = []
    private var stopped = false
    /// Whether a thread is serving the queue.
    private var serving = false
    private let name: String

    /// Starts the thread, named `name` in debuggers and `top -H`. Linux keeps at most 15 bytes of a
    /// thread's name and refuses a longer one, so `name` is cut to that.
    init(name: String) {
        self.name = String(decoding: name.utf8.prefix(15), as: UTF8.self)
        condition.lock()
        startThread()
        condition.unlock()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        jobs.append(job)
        // A job that arrives after `stop()` let the thread go gets a thread again rather than waiting forever.
        if !serving { startThread() }
        condition.signal()
        condition.unlock()
    }

    /// Lets the thread finish once the queue is empty.
    func stop() {
        condition.lock()
        stopped = true
        condition.signal()
        condition.unlock()
    }

    /// Called with the lock held.
    private func startThread() {
        serving = true
        let thread = Thread { [self] in runLoop() }
        thread.name = name
        thread.start()
    }

    private func runLoop() {
        nameCurrentThread(name)
        var batch: [UnownedJob] = []
        while true {
            condition.lock()
            while jobs.isEmpty && !stopped { condition.wait() }
            if jobs.isEmpty {
                serving = false
                condition.unlock()
                return
            }
            swap(&batch, &jobs)
            condition.unlock()
            for job in batch { job.runSynchronously(on: asUnownedTaskExecutor()) }
            batch.removeAll(keepingCapacity: true)
        }
    }
}

/// Gives the calling thread `name` where `top -H`, `perf` and /proc show it. Foundation's
/// `Thread.name` stays inside Foundation on Linux, and Glibc's `pthread_setname_np` is not imported.
private func nameCurrentThread(_ name: String) {
    let descriptor = open("/proc/thread-self/comm", O_WRONLY)
    guard descriptor >= 0 else { return }
    defer { close(descriptor) }
    _ = name.utf8CString.withUnsafeBufferPointer { write(descriptor, $0.baseAddress, $0.count - 1) }
}
