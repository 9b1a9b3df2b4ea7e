import NIOCore

/// Runs the tasks that prefer it on one event loop. The PostgreSQL group commit prefers the writer
/// connection's loop: each statement's answer is read on that loop and the commit goes on there at
/// once, instead of being handed to the shared pool and back for every statement.
final class EventLoopTaskExecutor: TaskExecutor, @unchecked Sendable {
    let eventLoop: any EventLoop

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        eventLoop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
    }
}
