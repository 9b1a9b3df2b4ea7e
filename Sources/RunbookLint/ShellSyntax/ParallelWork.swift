import Foundation

/// Runs numbered jobs on a few threads, each thread keeping its own state (a bash session)
/// across the jobs it takes. Jobs are handed out in order, so put big jobs first.
enum ParallelWork {
    /// The jobs, the closures and the results, shared by the threads under one lock.
    private final class Board<State, Output>: @unchecked Sendable {
        let makeState: () throws -> State
        let perform: (inout State, Int) throws -> Output
        let finish: (inout State) -> Void
        private let lock = NSLock()
        private var next = 0
        private var outputs: [Output?]
        private var failure: (any Error)?

        init(
            jobs: Int, makeState: @escaping () throws -> State, perform: @escaping (inout State, Int) throws -> Output,
            finish: @escaping (inout State) -> Void
        ) {
            outputs = Array(repeating: nil, count: jobs)
            self.makeState = makeState
            self.perform = perform
            self.finish = finish
        }

        func take() -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard failure == nil, next < outputs.count else { return nil }
            next += 1
            return next - 1
        }

        func put(_ output: Output, at job: Int) {
            lock.lock()
            outputs[job] = output
            lock.unlock()
        }

        func fail(_ error: any Error) {
            lock.lock()
            if failure == nil { failure = error }
            lock.unlock()
        }

        func results() throws -> [Output] {
            lock.lock()
            defer { lock.unlock() }
            if let failure { throw failure }
            return outputs.compactMap { $0 }
        }

        /// One thread's life: make its state, take jobs until none is left, finish.
        func work() {
            var state: State
            do {
                state = try makeState()
            } catch {
                fail(error)
                return
            }
            while let job = take() {
                do {
                    put(try perform(&state, job), at: job)
                } catch {
                    fail(error)
                    break
                }
            }
            finish(&state)
        }
    }

    /// Runs `jobs` jobs on up to `workers` threads and returns their outputs in job order.
    /// `makeState` runs once per thread, `perform` once per job, `finish` once per thread
    /// that made its state (also after a failure). The first error thrown stops the handing
    /// out of jobs and is rethrown.
    static func run<State, Output>(
        jobs: Int, workers: Int,
        makeState: @escaping () throws -> State,
        perform: @escaping (inout State, Int) throws -> Output,
        finish: @escaping (inout State) -> Void
    ) throws -> [Output] {
        guard jobs > 0 else { return [] }
        let board = Board(jobs: jobs, makeState: makeState, perform: perform, finish: finish)
        let threads = max(1, min(workers, jobs))
        let done = DispatchSemaphore(value: 0)
        for _ in 1..<threads {
            let thread = Thread {
                board.work()
                done.signal()
            }
            thread.start()
        }
        // The calling thread works too instead of only waiting.
        board.work()
        for _ in 1..<threads { done.wait() }
        return try board.results()
    }
}
