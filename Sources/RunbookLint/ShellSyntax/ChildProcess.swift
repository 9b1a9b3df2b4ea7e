import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A child process started with `posix_spawn`, for the few programs the shell check runs.
///
/// Foundation's `Process` ties each child to the run loop of the thread that started it, which
/// is not safe from the worker threads the checks run on; this is the plain POSIX path instead.
/// Every descriptor created here is close-on-exec, so one child never holds another child's pipe
/// open (which would keep that child from ever seeing the end of its input).
struct ChildProcess {
    let pid: pid_t
    let executable: String

    /// Starts `executable` with exactly `environment`, wiring the three standard descriptors.
    static func spawn(
        _ executable: String, _ arguments: [String], environment: [String: String],
        standardInput: Int32, standardOutput: Int32, standardError: Int32
    ) throws -> ChildProcess {
        #if canImport(Glibc)
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        #else
        var actions: posix_spawn_file_actions_t?
        var attributes: posix_spawnattr_t?
        #endif
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        posix_spawn_file_actions_adddup2(&actions, standardInput, 0)
        posix_spawn_file_actions_adddup2(&actions, standardOutput, 1)
        posix_spawn_file_actions_adddup2(&actions, standardError, 2)
        #if canImport(Darwin)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_CLOEXEC_DEFAULT))
        #endif

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else {
            throw ShellSyntaxError.launchFailed(executable, String(cString: strerror(result)))
        }
        return ChildProcess(pid: pid, executable: executable)
    }

    /// Waits for the child to end; its exit status, or 128 + the signal that ended it.
    func wait() -> Int32 {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 {
            if errno != EINTR { return -1 }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    /// A one-way channel for a child's output: a socket pair used as a pipe, because a socket
    /// pair can be created close-on-exec atomically on every platform (`pipe2` is not
    /// available everywhere), and a descriptor that leaked into a child started at the same
    /// moment on another thread would hold the channel open.
    static func pipe() throws -> (read: Int32, write: Int32) {
        let (first, second) = try socketPair()
        return (first, second)
    }

    /// A connected pair of stream sockets, both close-on-exec. Writes use `MSG_NOSIGNAL`, so a
    /// child that died turns into an error instead of a SIGPIPE for the whole program.
    static func socketPair() throws -> (Int32, Int32) {
        var fds: [Int32] = [-1, -1]
        #if canImport(Glibc)
        let created = socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &fds)
        #else
        // Darwin has no SOCK_CLOEXEC; POSIX_SPAWN_CLOEXEC_DEFAULT covers the gap there.
        let created = socketpair(AF_UNIX, SOCK_STREAM, 0, &fds)
        if created == 0 {
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
            var one: Int32 = 1
            _ = setsockopt(fds[1], SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        }
        #endif
        guard created == 0 else { throw ShellSyntaxError.launchFailed("socketpair", String(cString: strerror(errno))) }
        return (fds[0], fds[1])
    }

    /// `/dev/null`, opened close-on-exec for reading and writing.
    static func openNull() throws -> Int32 {
        let fd = open("/dev/null", O_RDWR | O_CLOEXEC)
        guard fd >= 0 else { throw ShellSyntaxError.launchFailed("/dev/null", String(cString: strerror(errno))) }
        return fd
    }

    static func closeDescriptor(_ fd: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(fd)
        #else
        _ = Darwin.close(fd)
        #endif
    }

    /// Reads from `fd` until data arrives; an empty result means the end of the stream.
    static func readChunk(_ fd: Int32, into buffer: inout [UInt8]) throws -> Int {
        try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 16_384) { chunk in
            while true {
                let count = read(fd, chunk.baseAddress, chunk.count)
                if count >= 0 {
                    buffer.append(contentsOf: chunk[0..<count])
                    return count
                }
                if errno != EINTR { throw ShellSyntaxError.launchFailed("read", String(cString: strerror(errno))) }
            }
        }
    }

    /// Writes all of `bytes` to a socket.
    static func send(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { chunk -> Int in
                #if canImport(Glibc)
                return Glibc.send(fd, chunk.baseAddress, chunk.count, Int32(MSG_NOSIGNAL))
                #else
                return Darwin.send(fd, chunk.baseAddress, chunk.count, 0)
                #endif
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// Runs a program to completion, collecting both outputs. Both pipes are drained together
    /// (a child that fills one pipe while nobody reads it would otherwise block forever).
    static func capture(
        _ executable: String, _ arguments: [String], environment: [String: String]
    ) throws -> (status: Int32, output: [UInt8], errors: [UInt8]) {
        let null = try openNull()
        defer { closeDescriptor(null) }
        let out = try pipe()
        let err: (read: Int32, write: Int32)
        do { err = try pipe() } catch {
            closeDescriptor(out.read)
            closeDescriptor(out.write)
            throw error
        }
        let child: ChildProcess
        do {
            child = try spawn(
                executable, arguments, environment: environment, standardInput: null, standardOutput: out.write,
                standardError: err.write)
        } catch {
            for fd in [out.read, out.write, err.read, err.write] { closeDescriptor(fd) }
            throw error
        }
        closeDescriptor(out.write)
        closeDescriptor(err.write)
        var output: [UInt8] = []
        var errors: [UInt8] = []
        var open = [out.read, err.read]
        defer { for fd in open { closeDescriptor(fd) } }
        while !open.isEmpty {
            var polls = open.map { pollfd(fd: $0, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&polls, nfds_t(polls.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            for entry in polls where entry.revents != 0 {
                let count: Int
                if entry.fd == out.read {
                    count = (try? readChunk(entry.fd, into: &output)) ?? 0
                } else {
                    count = (try? readChunk(entry.fd, into: &errors)) ?? 0
                }
                if count == 0 {
                    closeDescriptor(entry.fd)
                    open.removeAll { $0 == entry.fd }
                }
            }
        }
        return (child.wait(), output, errors)
    }
}
