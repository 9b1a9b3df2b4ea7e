import Foundation
import RunbookCatalog
import RunbookParser
import StorageSQL
import XCTest

/// Relevance over real runbook repositories (`../shared/corpus`): prometheus-operator's runbooks and
/// OpenShift's. Each query is what a responder would type, with the runbook they need written down
/// beside it. Both repositories carry some runbooks for the same alert (`KubeAPIDown` …); a hit with the
/// expected id from either repository counts.
final class CorpusRelevanceTests: XCTestCase {
    struct Case {
        var query: String
        var expected: String
        var kind: String
    }

    static let cases: [Case] = [
        Case(query: "kubepodcrashlooping", expected: "KubePodCrashLooping", kind: "alert, lower case"),
        Case(query: "pod crash looping", expected: "KubePodCrashLooping", kind: "paraphrase of alert"),
        Case(
            query: "alertmanager CrashLoopBackOff", expected: "AlertmanagerClusterCrashlooping",
            kind: "component + state"),
        Case(query: "OOMKilled increase memory limits", expected: "ODFCorePodRestarted", kind: "error + fix"),
        Case(query: "coredns returning SERVFAIL", expected: "CoreDNSErrorsHigh", kind: "meaning, error code"),
        Case(query: "NXDOMAIN", expected: "DNSNxDomain", kind: "error code"),
        Case(query: "503 external remote-write endpoint", expected: "ACMRemoteWriteError", kind: "HTTP code + meaning"),
        Case(
            query: "HTTP 403 Forbidden log collector", expected: "CollectorHigh403ForbiddenResponseRate",
            kind: "HTTP code + component"),
        Case(query: "etcd cluster has no leader", expected: "etcdNoLeader", kind: "meaning"),
        Case(
            query: "grpc Unavailable ResourceExhausted", expected: "etcdHighNumberOfFailedGRPCRequests",
            kind: "gRPC codes"),
        Case(query: "kernel running out of file descriptors", expected: "NodeFileDescriptorLimit", kind: "paraphrase"),
        Case(
            query: "persistent volume inodes filling up", expected: "KubePersistentVolumeInodesFillingUp",
            kind: "paraphrase"),
        Case(query: "clock skew detected", expected: "NodeClockSkewDetected", kind: "meaning"),
        Case(query: "NTP server clock not synchronising", expected: "NodeClockNotSynchronising", kind: "meaning"),
        Case(query: "horizontal pod autoscaler running at max replicas", expected: "KubeHpaMaxedOut", kind: "meaning"),
        Case(query: "kubelettoomanypods", expected: "KubeletTooManyPods", kind: "alert, lower case"),
        Case(query: "alerting pipeline always firing", expected: "Watchdog", kind: "paraphrase"),
        Case(query: "ceph monitor quorum lost", expected: "CephMonQuorumLost", kind: "paraphrase"),
        Case(query: "thanos compactor halted", expected: "ACMThanosCompactHalted", kind: "component + state"),
        Case(query: "garbage collector conversion webhook", expected: "GarbageCollectorSyncFailed", kind: "cause"),
        Case(query: "MTU less than 9000", expected: "ODFNodeMTULessThan9000", kind: "meaning, number"),
        Case(query: "virthandlerdown", expected: "VirtHandlerDown", kind: "alert, lower case"),
        Case(
            query: "conntrack entries close to limit", expected: "NodeHighNumberConntrackEntriesUsed",
            kind: "paraphrase"),
        Case(
            query: "deprecated config cluster-monitoring-config", expected: "ClusterMonitoringOperatorDeprecatedConfig",
            kind: "component"),
        Case(query: "API server unable to write audit logs", expected: "AuditLogError", kind: "meaning"),
        Case(query: "etcd disk fsync duration high", expected: "etcdHighFsyncDurations", kind: "paraphrase"),
        Case(query: "job backoffLimit exceeded", expected: "KubeJobFailed", kind: "config field"),
        Case(query: "RAID array degraded", expected: "NodeRAIDDegraded", kind: "meaning"),
    ]

    private static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus")
    private static let roots = ["prometheus-operator__runbooks", "openshift__runbooks"]

    func testExpectedRunbookIsFirstForNineInTenQueriesAndInTopThreeForAll() async throws {
        for root in Self.roots
        where !FileManager.default.fileExists(atPath: Self.corpus.appendingPathComponent(root).path) {
            throw XCTSkip("corpus \(root) not found under \(Self.corpus.path)")
        }
        let tree = RunbookTree.load(
            roots: Self.roots, baseDirectory: Self.corpus, isExcluded: { _, _ in false },
            parser: RunbookDocumentParser())
        let documents = tree.runbooks.map(SearchDocument.init(runbook:))
        XCTAssertGreaterThan(documents.count, 350)

        let sqlite = try await SQLiteSearchIndex(path: nil)
        _ = try await sqlite.refresh(documents)
        let memory = InMemorySearchIndex()
        _ = try await memory.refresh(documents)

        var sqliteRanks: [Int?] = []
        var memoryRanks: [Int?] = []
        var table = ["rank(sqlite) rank(memory)  query → expected  [kind]  top hit (sqlite)"]
        for item in Self.cases {
            let sqliteHits = try await sqlite.search(item.query, limit: 10)
            let memoryHits = try await memory.search(item.query, limit: 10)
            let sqliteRank = sqliteHits.firstIndex { $0.id == item.expected }.map { $0 + 1 }
            let memoryRank = memoryHits.firstIndex { $0.id == item.expected }.map { $0 + 1 }
            sqliteRanks.append(sqliteRank)
            memoryRanks.append(memoryRank)
            let top = sqliteHits.first.map { "\($0.id) (\($0.file))" } ?? "-"
            table.append(
                "\(Self.column(sqliteRank)) \(Self.column(memoryRank))  \(item.query) → \(item.expected)  [\(item.kind)]  \(top)"
            )
        }
        try await sqlite.close()

        let sqliteFirst = sqliteRanks.filter { $0 == 1 }.count
        let memoryFirst = memoryRanks.filter { $0 == 1 }.count
        let sqliteTop3 = sqliteRanks.filter { ($0 ?? 99) <= 3 }.count
        let memoryTop3 = memoryRanks.filter { ($0 ?? 99) <= 3 }.count
        table.append("sqlite: first \(sqliteFirst)/\(Self.cases.count), top 3 \(sqliteTop3)/\(Self.cases.count)")
        table.append("in-memory: first \(memoryFirst)/\(Self.cases.count), top 3 \(memoryTop3)/\(Self.cases.count)")
        print(table.joined(separator: "\n"))

        XCTAssertGreaterThanOrEqual(Double(sqliteFirst), 0.9 * Double(Self.cases.count), "expected runbook first")
        XCTAssertEqual(sqliteTop3, Self.cases.count, "expected runbook in the top 3")
    }

    private static func column(_ rank: Int?) -> String {
        let text = rank.map(String.init) ?? "-"
        return String(repeating: " ", count: max(0, 12 - text.count)) + text
    }
}
