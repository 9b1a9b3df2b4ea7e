import Foundation
import SQLKit
import Storage
import Synchronization

/// Serializes every write of a store and commits concurrent ones together: calls queue up while a
/// transaction commits, and the next transaction takes up to `maxBatch` of them, so many callers
/// share one commit (and one fsync). A caller resumes only after its transaction committed and the
/// backend made it durable (``SQLStoreBackend/flushCommits()``).
///
/// A batch first runs without savepoints; when one of its jobs fails, the transaction is rolled
/// back and the batch runs again with a SAVEPOINT around each job, so a bad job fails alone.
final class GroupCommitWriter: Sendable {
    /// One queued write.
    struct Job: Sendable {
        /// Performs the write on the writer connection, inside the batch's transaction.
        var run: @Sendable (any SQLDatabase) async throws -> Void
        /// Resumes the caller: `nil` after commit, else the job's or the commit's error.
        var finish: @Sendable ((any Error)?) -> Void
    }

    private struct State {
        var pending: [Job] = []
        var running = false
        var closed = false
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let backend: any SQLStoreBackend
    private let maxBatch: Int
    private let state = Mutex(State())
    /// Errors for which a job is run again in a fresh savepoint (a replica opened the same key first).
    private let isRetryable: @Sendable (any Error) -> Bool
    /// Maps database errors to ``StoreError``.
    private let mapError: @Sendable (any Error) -> any Error

    init(
        backend: any SQLStoreBackend, maxBatch: Int = 256, isRetryable: @escaping @Sendable (any Error) -> Bool,
        mapError: @escaping @Sendable (any Error) -> any Error
    ) {
        self.backend = backend
        self.maxBatch = maxBatch
        self.isRetryable = isRetryable
        self.mapError = mapError
    }

    /// Writes waiting for the next batch (the current one, if any, not counted).
    var queuedCount: Int { state.withLock { $0.pending.count } }

    /// Runs `body` in the next batch's transaction and returns its value once committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        let box = ResultBox<T>()
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let job = Job(
                run: { database in
                    let value = try await body(database)
                    box.value = value
                },
                finish: { error in
                    if let error { continuation.resume(throwing: error) } else { continuation.resume() }
                })
            enqueue(job)
        }
        guard let value = box.value else { throw StoreError.unavailable("a write finished without a result") }
        return value
    }

    /// Refuses new writes, waits for queued ones to commit, and returns.
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let idle = state.withLock { state -> Bool in
                state.closed = true
                if state.running { state.idleWaiters.append(continuation); return false }
                return true
            }
            if idle { continuation.resume() }
        }
    }

    private func enqueue(_ job: Job) {
        let start = state.withLock { state -> Bool? in
            if state.closed { return nil }
            state.pending.append(job)
            if state.running { return false }
            state.running = true
            return true
        }
        switch start {
        case nil: job.finish(StoreError.closed)
        case true?: Task(executorPreference: backend.writerExecutor) { await self.drain() }
        case false?: break
        }
    }

    private func drain() async {
        while true {
            let next = state.withLock { state -> [Job]? in
                if state.pending.isEmpty {
                    state.running = false
                    return nil
                }
                let batch = Array(state.pending.prefix(maxBatch))
                state.pending.removeFirst(batch.count)
                return batch
            }
            guard let batch = next else { break }
            await commit(batch)
        }
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>] in
            guard !state.running else { return [] }
            defer { state.idleWaiters = [] }
            return state.idleWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func commit(_ batch: [Job]) async {
        let outcomes: [(any Error)?]
        do {
            outcomes = try await backend.withWriter { database in
                if let all = try await self.runTogether(batch, on: database) { return all }
                return try await self.runIsolated(batch, on: database)
            }
        } catch {
            let mapped = mapError(error)
            for job in batch { job.finish(mapped) }
            return
        }
        // The callers resume once the commit is on disk: SQLite flushes its log here, on the writer's
        // thread, while the next batch queues up; PostgreSQL's COMMIT was durable already.
        let flushError = backend.flushCommits().map(mapError)
        for (job, outcome) in zip(batch, outcomes) { job.finish(outcome ?? flushError) }
    }

    /// Runs every job in one transaction; `nil` (after rolling back) when a job failed.
    private func runTogether(_ batch: [Job], on database: any SQLDatabase) async throws -> [(any Error)?]? {
        try await database.raw(backend.dialect.begin).run()
        for job in batch {
            do {
                try await job.run(database)
            } catch {
                try await database.raw("ROLLBACK").run()
                return nil
            }
        }
        try await finishTransaction(database)
        return batch.map { _ in nil }
    }

    /// Runs each job in its own savepoint of one transaction, so failures stay with their job.
    private func runIsolated(_ batch: [Job], on database: any SQLDatabase) async throws -> [(any Error)?] {
        try await database.raw(backend.dialect.begin).run()
        var outcomes: [(any Error)?] = []
        for job in batch {
            var attempt = 0
            while true {
                attempt += 1
                try await database.raw("SAVEPOINT job").run()
                do {
                    try await job.run(database)
                    try await database.raw("RELEASE SAVEPOINT job").run()
                    outcomes.append(nil)
                    break
                } catch {
                    try await database.raw("ROLLBACK TO SAVEPOINT job").run()
                    try await database.raw("RELEASE SAVEPOINT job").run()
                    if attempt < 3, isRetryable(error) { continue }
                    outcomes.append(mapError(error))
                    break
                }
            }
        }
        try await finishTransaction(database)
        return outcomes
    }

    private func finishTransaction(_ database: any SQLDatabase) async throws {
        do {
            try await database.raw("COMMIT").run()
        } catch {
            try? await database.raw("ROLLBACK").run()
            throw error
        }
    }
}

/// Carries a job's value from the writer task to its caller; the continuation's resumption orders
/// the write before the read.
private final class ResultBox<T>: @unchecked Sendable {
    var value: T?
}
