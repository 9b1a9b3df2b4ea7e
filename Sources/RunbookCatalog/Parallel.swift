import Dispatch

/// Runs work over both cores: parsing and analysis of a tree are independent per file.
public enum Parallel {
    /// `(0..<count).map(body)`, with iterations spread over the machine's cores; order is kept.
    public static func map<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
        guard count > 1 else { return (0..<count).map(body) }
        let buffer = ResultBuffer<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in buffer.store(body(index), at: index) }
        return buffer.values()
    }
}

/// Each iteration writes its own slot, so no two threads touch the same memory.
private final class ResultBuffer<T>: @unchecked Sendable {
    private let pointer: UnsafeMutablePointer<T?>
    private let count: Int

    init(count: Int) {
        self.count = count
        pointer = UnsafeMutablePointer<T?>.allocate(capacity: count)
        pointer.initialize(repeating: nil, count: count)
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    func store(_ value: T, at index: Int) { pointer[index] = value }

    func values() -> [T] { (0..<count).compactMap { pointer[$0] } }
}
