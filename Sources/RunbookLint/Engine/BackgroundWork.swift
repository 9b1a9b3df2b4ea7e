import Foundation

/// Runs a throwing closure on a thread of its own and hands its result over once it is done:
/// work that mostly waits on child processes overlaps with work on the cores.
final class BackgroundWork<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var outcome: Result<Value, any Error>?

    init(_ work: @escaping @Sendable () throws -> Value) {
        let thread = Thread { [self] in
            outcome = Result { try work() }
            done.signal()
        }
        thread.stackSize = 1 << 22
        thread.start()
    }

    /// Waits for the closure, then returns its value or throws its error.
    func result() throws -> Value {
        done.wait()
        done.signal()  // a second call returns at once
        return try outcome!.get()
    }
}
