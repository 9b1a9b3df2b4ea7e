// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Firebreak",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "firebreak", targets: ["firebreak"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", exact: "4.5.2"),
        .package(url: "https://github.com/vapor/sql-kit.git", exact: "3.36.0"),
        .package(url: "https://github.com/vapor/postgres-kit.git", exact: "2.17.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess.git", exact: "1.0.2"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CMarkGFM", pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(name: "RunbookModel"),
        .target(name: "ShellAnalysis", dependencies: ["RunbookModel"]),
        .target(name: "RunbookParser", dependencies: ["RunbookModel", "CMarkGFM", "ShellAnalysis", "Yams"]),
        .target(name: "FirebreakConfig", dependencies: ["RunbookModel", "ShellAnalysis", "Yams"]),
        .target(name: "RunbookCatalog", dependencies: ["RunbookModel", "RunbookParser", "FirebreakConfig", "Yams"]),
        .target(
            name: "RunbookLint",
            dependencies: ["RunbookModel", "RunbookParser", "ShellAnalysis", "RunbookCatalog", "FirebreakConfig"]),
        .target(
            name: "StepExecution",
            dependencies: [
                "RunbookModel", "ShellAnalysis",
                .product(name: "Subprocess", package: "swift-subprocess"),
            ]),
        .target(name: "IncidentEngine", dependencies: ["RunbookModel"]),
        .target(name: "Storage", dependencies: ["IncidentEngine"]),
        .target(name: "CSQLiteLogBuffer", dependencies: [.product(name: "SQLiteKit", package: "sqlite-kit")]),
        .target(
            name: "StorageSQL",
            dependencies: [
                "CSQLiteLogBuffer",
                "RunbookModel", "RunbookCatalog", "IncidentEngine", "Storage",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "FirebreakServer",
            dependencies: [
                "RunbookModel", "RunbookParser", "RunbookCatalog", "FirebreakConfig", "IncidentEngine", "Storage",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]),
        .target(name: "FirebreakTesting", dependencies: ["IncidentEngine", "Storage"]),
        .executableTarget(
            name: "SearchBenchmark", dependencies: ["RunbookCatalog", "RunbookParser", "StorageSQL"],
            path: "Benchmarks/SearchBenchmark"),
        .executableTarget(
            name: "firebreak",
            dependencies: [
                "RunbookLint", "RunbookCatalog", "FirebreakConfig", "RunbookParser", "RunbookModel", "StorageSQL",
                "ShellAnalysis",
                "StepExecution", "IncidentEngine", "Storage", "FirebreakServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]),
        .testTarget(name: "RunbookParserTests", dependencies: ["RunbookParser"]),
        .testTarget(name: "ShellAnalysisTests", dependencies: ["ShellAnalysis", "FirebreakTesting"]),
        .testTarget(name: "FirebreakConfigTests", dependencies: ["FirebreakConfig"]),
        .testTarget(
            name: "RunbookCatalogTests", dependencies: ["RunbookCatalog", "RunbookParser", "FirebreakTesting"]),
        .testTarget(name: "RunbookLintTests", dependencies: ["RunbookLint"]),
        .testTarget(name: "StepExecutionTests", dependencies: ["StepExecution", "RunbookParser"]),
        .testTarget(name: "IncidentEngineTests", dependencies: ["IncidentEngine"]),
        .testTarget(name: "StorageTests", dependencies: ["Storage", "FirebreakTesting"]),
        .testTarget(
            name: "StorageSQLTests",
            dependencies: ["StorageSQL", "Storage", "FirebreakTesting", "RunbookCatalog", "RunbookParser"]),
        .testTarget(
            name: "FirebreakServerTests",
            dependencies: [
                "FirebreakServer", "Storage", "StorageSQL", "FirebreakTesting",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]),
        .testTarget(name: "EndToEndTests", dependencies: ["RunbookModel", "FirebreakTesting"]),
        .testTarget(name: "IntegrationTests", dependencies: ["RunbookModel"]),
    ]
)
