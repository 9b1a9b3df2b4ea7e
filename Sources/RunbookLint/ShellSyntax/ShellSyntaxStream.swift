import Foundation

/// The shell check fed while the scripts are still being produced: `bash -n` starts on the first
/// scripts handed in, so its processes work beside whatever produces the rest instead of after it.
///
/// Scripts arrive in numbered submissions, from any thread, and are taken in number order
/// whatever order they come in, so the same input always makes the same batches. Identical
/// scripts are checked once, cached ones (by content hash) not at all. Each result is what
/// `bash -n` says about that script alone, as with ``ShellSyntaxOracle/check(_:)``; shellcheck,
/// when given, runs on the scripts bash accepts once they are all in.
///
/// ```swift
/// let stream = ShellSyntaxStream(oracle: ShellSyntaxOracle(), cache: nil)
/// stream.submit(["if true; then echo"], number: 1)   // held until submission 0 is in
/// stream.submit(["echo ok"], number: 0)
/// let (results, _) = try stream.finish()   // results[1] holds bash's "unexpected end of file"
/// ```
final class ShellSyntaxStream: @unchecked Sendable {
    /// Unique scripts per `bash -n` job while submissions keep coming; enough for the resolver's
    /// segments to pay off, small enough that the processes start early.
    static let jobSize = 128

    private enum Slot {
        /// Checked in this run: the unique script's number.
        case fresh(Int)
        /// Answered by the cache.
        case cached([ShellSyntaxIssue])
    }

    /// What a worker learnt about one unique script.
    private struct Checked {
        var issues: [ShellSyntaxIssue]
        /// The normalised text and its line count, kept for shellcheck.
        var text: String
        var lineCount: Int
    }

    private let oracle: Result<ShellSyntaxOracle, any Error>
    private let openCache: (() -> ShellSyntaxCache?)?
    /// The cache, opened when the first script comes (a run without scripts never reads it).
    private(set) var cache: ShellSyntaxCache?
    private let condition = NSCondition()

    // Submissions, taken in number order.
    private var nextNumber = 0
    private var early: [Int: (scripts: [String], hashes: [String])] = [:]
    private var slots: [Slot] = []
    private var slotByHash: [String: Slot] = [:]
    private var idByText: [String: Int] = [:]
    private var freshHashes: [Int: String] = [:]
    private var uniqueTexts: [String] = []

    // Jobs for the workers.
    private var unqueued = 0  // first unique script not yet in a job
    private var jobs: [Range<Int>] = []
    private var nextJob = 0
    private var closed = false
    private var started = false
    private var running = 0
    private var checked: [Int: Checked] = [:]
    private var failure: (any Error)?
    private var directory: URL?
    private var sessionCount = 0

    /// A stream whose scripts `oracle` checks (its bash, shellcheck and parallelism), through the
    /// cache that `openCache` opens when one is given; a failed `oracle` is thrown by ``finish()``
    /// if any script came.
    init(oracle: Result<ShellSyntaxOracle, any Error>, openCache: (() -> ShellSyntaxCache?)?) {
        self.oracle = oracle
        self.openCache = openCache
    }

    convenience init(oracle: ShellSyntaxOracle, cache: ShellSyntaxCache?) {
        self.init(oracle: .success(oracle), openCache: cache.map { opened in { opened } })
    }

    deinit {
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// Hands in submission `number` (0, 1, 2 …; each exactly once, possibly empty).
    func submit(_ scripts: [String], number: Int) {
        let hashes = openCache == nil ? [] : scripts.map { ContentHash.sha256Hex($0) }
        condition.lock()
        defer { condition.unlock() }
        early[number] = (scripts, hashes)
        while let next = early.removeValue(forKey: nextNumber) {
            take(next.scripts, hashes: next.hashes)
            nextNumber += 1
        }
        queueJobs(final: false)
    }

    /// Waits for every check and returns one result per submitted script, in submission order,
    /// and how many came from the cache. Stores the fresh results in the cache (the caller saves it).
    func finish() throws -> (results: [[ShellSyntaxIssue]], cacheHits: Int) {
        condition.lock()
        precondition(early.isEmpty, "a shell-syntax submission is missing")
        queueJobs(final: true)
        closed = true
        condition.broadcast()
        while running > 0 { condition.wait() }
        let failure = self.failure
        condition.unlock()
        if let failure { throw failure }
        if !slots.isEmpty, case .failure(let error) = oracle { throw error }

        var issues = checked.mapValues(\.issues)
        if case .success(let oracle) = oracle, let shellcheckPath = oracle.shellcheckPath, let directory {
            let accepted = uniqueTexts.indices.compactMap { id -> (id: Int, text: String)? in
                guard let script = checked[id], script.issues.isEmpty, script.lineCount > 0 else { return nil }
                return (id, script.text)
            }
            let folder = directory.appendingPathComponent("shellcheck")
            do {
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            } catch {
                throw ShellSyntaxError.temporaryFiles("\(folder.path): \(error)")
            }
            let runner = ShellcheckRunner(
                path: shellcheckPath, severity: oracle.shellcheckSeverity, filesPerProcess: 200)
            issues.merge(try runner.check(accepted, directory: folder, parallelism: oracle.parallelism)) { $0 + $1 }
        }
        for (id, hash) in freshHashes { cache?.store(hash, issues[id] ?? []) }
        var cacheHits = 0
        let results = slots.map { slot -> [ShellSyntaxIssue] in
            switch slot {
            case .fresh(let id): return issues[id] ?? []
            case .cached(let found):
                cacheHits += 1
                return found
            }
        }
        return (results, cacheHits)
    }

    // MARK: Under the lock

    private func take(_ scripts: [String], hashes: [String]) {
        if let openCache, !scripts.isEmpty, slots.isEmpty { cache = openCache() }
        for (index, script) in scripts.enumerated() {
            guard cache != nil else {
                slots.append(.fresh(uniqueID(script)))
                continue
            }
            let hash = hashes[index]
            if let known = slotByHash[hash] {
                slots.append(known)
                continue
            }
            let slot: Slot
            if let found = cache?.lookup(hash) {
                slot = .cached(found)
            } else {
                let id = uniqueID(script)
                freshHashes[id] = hash
                slot = .fresh(id)
            }
            slotByHash[hash] = slot
            slots.append(slot)
        }
    }

    private func uniqueID(_ script: String) -> Int {
        if let known = idByText[script] { return known }
        idByText[script] = uniqueTexts.count
        uniqueTexts.append(script)
        return uniqueTexts.count - 1
    }

    /// Cuts the unique scripts not yet queued into jobs; the last ones are spread over the workers.
    private func queueJobs(final: Bool) {
        guard case .success(let oracle) = oracle else { return }
        var added = false
        while uniqueTexts.count - unqueued >= Self.jobSize {
            jobs.append(unqueued..<(unqueued + Self.jobSize))
            unqueued += Self.jobSize
            added = true
        }
        if final, unqueued < uniqueTexts.count {
            let left = uniqueTexts.count - unqueued
            let size = max(8, (left + oracle.parallelism - 1) / oracle.parallelism)
            for start in stride(from: unqueued, to: uniqueTexts.count, by: size) {
                jobs.append(start..<min(start + size, uniqueTexts.count))
            }
            unqueued = uniqueTexts.count
            added = true
        }
        guard added else { return }
        if !started {
            started = true
            start(oracle)
        }
        condition.broadcast()
    }

    private func start(_ oracle: ShellSyntaxOracle) {
        guard FileManager.default.isExecutableFile(atPath: oracle.bashPath) else {
            failure = ShellSyntaxError.bashNotFound(oracle.bashPath)
            return
        }
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("firebreak-shell-\(UUID().uuidString)", isDirectory: true)
        do {
            try FileManager.default.createDirectory(
                at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            failure = ShellSyntaxError.temporaryFiles("\(url.path): \(error)")
            return
        }
        directory = url
        running = oracle.parallelism
        for _ in 0..<oracle.parallelism {
            sessionCount += 1
            let name = "segment\(sessionCount)"
            let thread = Thread { [self] in work(oracle, directory: url, name: name) }
            thread.stackSize = 1 << 22
            thread.start()
        }
    }

    /// The next job with its scripts, waiting while none is queued; nil once all are taken and
    /// no more will come, or after a failure.
    private func nextJobScripts() -> (range: Range<Int>, scripts: [String])? {
        condition.lock()
        defer { condition.unlock() }
        while failure == nil, nextJob == jobs.count, !closed { condition.wait() }
        guard failure == nil, nextJob < jobs.count else { return nil }
        let range = jobs[nextJob]
        nextJob += 1
        return (range, Array(uniqueTexts[range]))
    }

    // MARK: Workers

    /// One worker's life: its own bash session, jobs until none is left.
    private func work(_ oracle: ShellSyntaxOracle, directory: URL, name: String) {
        var session: BashParseSession?
        defer {
            session?.end()
            condition.lock()
            running -= 1
            condition.broadcast()
            condition.unlock()
        }
        while let job = nextJobScripts() {
            do {
                let current: BashParseSession
                if let session {
                    current = session
                } else {
                    current = try BashParseSession(bashPath: oracle.bashPath, directory: directory, name: name)
                    session = current
                }
                let found = try Self.check(job.scripts, session: current, batchSize: oracle.batchSize)
                condition.lock()
                for (offset, result) in found.enumerated() { checked[job.range.lowerBound + offset] = result }
                condition.unlock()
            } catch {
                condition.lock()
                if failure == nil { failure = error }
                condition.broadcast()
                condition.unlock()
                return
            }
        }
    }

    /// `bash -n` results of one job's scripts, as ``ShellSyntaxOracle`` finds them: scripts that
    /// may share a segment through the resolver, the others one by one, fifty to a round trip.
    private static func check(_ scripts: [String], session: BashParseSession, batchSize: Int) throws -> [Checked] {
        let prepared = scripts.map(PreparedScript.init)
        let resolver = BashSyntaxResolver(scripts: prepared, session: session, maximumSegment: batchSize)
        let batchable = prepared.indices.filter { prepared[$0].batchable }
        var issues = batchable.isEmpty ? [:] : try resolver.resolve(batchable)
        let alone = prepared.indices.filter { !prepared[$0].batchable }
        for start in stride(from: 0, to: alone.count, by: 50) {
            let ids = Array(alone[start..<min(start + 50, alone.count)])
            for (id, found) in zip(ids, try resolver.standalone(ids)) where !found.isEmpty { issues[id] = found }
        }
        return prepared.indices.map {
            Checked(issues: issues[$0] ?? [], text: prepared[$0].text, lineCount: prepared[$0].lineCount)
        }
    }
}
