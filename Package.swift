// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Firebreak",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "firebreak", targets: ["firebreak"])
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams.git", exact: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", exact: "4.5.2"),
    ],
    targets: [
        .systemLibrary(name: "CMarkGFM", pkgConfig: "libcmark-gfm", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        .target(name: "RunbookModel"),
        .target(name: "ShellAnalysis", dependencies: ["RunbookModel"]),
        .target(name: "RunbookParser", dependencies: ["RunbookModel", "CMarkGFM", "ShellAnalysis", "Yams"]),
        .target(name: "FirebreakConfig", dependencies: ["RunbookModel", "ShellAnalysis", "Yams"]),
        .target(name: "RunbookCatalog", dependencies: ["RunbookModel", "RunbookParser", "FirebreakConfig", "Yams"]),
        .target(name: "RunbookLint", dependencies: ["RunbookModel", "RunbookParser", "ShellAnalysis", "RunbookCatalog", "FirebreakConfig"]),
        .target(name: "StorageSQL", dependencies: [
            "RunbookModel", "RunbookCatalog",
            .product(name: "SQLiteKit", package: "sqlite-kit"),
        ]),
        .executableTarget(name: "SearchBenchmark", dependencies: ["RunbookCatalog", "RunbookParser", "StorageSQL"], path: "Benchmarks/SearchBenchmark"),
        .executableTarget(name: "firebreak", dependencies: [
            "RunbookLint", "RunbookCatalog", "FirebreakConfig", "RunbookParser", "RunbookModel", "StorageSQL", "ShellAnalysis",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "RunbookParserTests", dependencies: ["RunbookParser"]),
        .testTarget(name: "ShellAnalysisTests", dependencies: ["ShellAnalysis"]),
        .testTarget(name: "FirebreakConfigTests", dependencies: ["FirebreakConfig"]),
        .testTarget(name: "RunbookCatalogTests", dependencies: ["RunbookCatalog", "RunbookParser"]),
        .testTarget(name: "RunbookLintTests", dependencies: ["RunbookLint"]),
        .testTarget(name: "StorageSQLTests", dependencies: ["StorageSQL", "RunbookCatalog", "RunbookParser"]),
        .testTarget(name: "EndToEndTests", dependencies: ["RunbookModel"]),
    ]
)
