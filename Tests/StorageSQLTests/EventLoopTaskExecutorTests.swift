import NIOCore
import NIOPosix
import XCTest

@testable import StorageSQL

/// The PostgreSQL group commit runs on its connection's event loop.
final class EventLoopTaskExecutorTests: XCTestCase {
    func testTasksPreferringTheExecutorRunOnItsEventLoopAcrossSuspensions() async throws {
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 2)
        let loop = group.next()
        let executor = EventLoopTaskExecutor(eventLoop: loop)
        let other = group.next()
        let onLoop = await Task(executorPreference: executor) { () async throws -> [Bool] in
            var seen = [loop.inEventLoop]
            // A future completed on another loop resumes the task back on the preferred one.
            try await other.submit { 1 }.get()
            seen.append(loop.inEventLoop)
            try await loop.scheduleTask(in: .milliseconds(1)) { 2 }.futureResult.get()
            seen.append(loop.inEventLoop)
            return seen
        }.result
        XCTAssertEqual(try onLoop.get(), [true, true, true])
        let shared = await Task { loop.inEventLoop }.value
        XCTAssertFalse(shared, "tasks without the preference stay off the loop")
        try await group.shutdownGracefully()
    }
}
