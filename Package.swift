// swift-tools-version: 6.1
import PackageDescription

// Every target gets the same strict settings: Swift 6 mode plus the upcoming features the codebase relies on.
let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "sluice",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "sluice", targets: ["sluice"]),
        .executable(name: "sluiced", targets: ["sluiced"]),
        .executable(name: "sluice-bench", targets: ["sluice-bench"]),
        .executable(name: "sluice-agent", targets: ["sluice-agent"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
    ],
    targets: [
        // Layer 0: pure modules (no I/O, no clock, no logging).
        .target(
            name: "SluiceJSON",
            swiftSettings: strictSettings,
            // Double.rounded() and friends live in libm, which nothing else links for a Foundation-free binary.
            linkerSettings: [.linkedLibrary("m", .when(platforms: [.linux]))]
        ),
        // The words every layer shares: timestamps, MD5, execution statuses, the child-execution record.
        .target(name: "SluiceVocabulary", dependencies: ["SluiceJSON"], swiftSettings: strictSettings),
        // JSONata (jsonata-js 2.0.6): parser, evaluator, the function library.
        .target(
            name: "SluiceJSONata",
            dependencies: ["SluiceJSON"],
            // The evaluator's hot path is class-property access (arrays, frames, counters); dynamic exclusivity
            // checks cost about 15% of an evaluation in release builds. Debug builds keep them.
            swiftSettings: strictSettings + [
                .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
            ]
        ),
        .target(
            name: "SluiceASL",
            dependencies: ["SluiceJSON", "SluiceVocabulary", "SluiceJSONata"],
            swiftSettings: strictSettings
        ),
        // The AWS wire: Signature Version 4, the five protocols' requests, responses and error shapes.
        .target(name: "SluiceAWS", dependencies: ["SluiceJSON", "SluiceVocabulary"], swiftSettings: strictSettings),
        // The agent protocol (issue 18): its messages, their lines, the hello's proof.
        .target(
            name: "SluiceAgentWire",
            dependencies: ["SluiceJSON", "SluiceVocabulary"],
            swiftSettings: strictSettings
        ),
        // EventBridge event patterns, target input transformation and SNS filter policies.
        .target(name: "SluicePatterns", dependencies: ["SluiceJSON"], swiftSettings: strictSettings),
        // Domain values: rules and their targets, subscriptions; decoded and validated from their files.
        .target(name: "SluiceCore", dependencies: ["SluiceJSON", "SluicePatterns"], swiftSettings: strictSettings),
        .target(
            name: "SluiceInterpreter",
            dependencies: ["SluiceJSON", "SluiceVocabulary", "SluiceASL", "SluiceJSONata"],
            swiftSettings: strictSettings
        ),
        // An execution's state machine laid out and drawn as SVG, coloured by its history (the dashboard's graph).
        .target(name: "SluiceGraph", dependencies: ["SluiceJSON", "SluiceASL"], swiftSettings: strictSettings),
        // Layer 1: the operating system.
        .target(name: "CSluiceLinux"),
        // Every system call the others make: EINTR retries, files, folders and their walking, atomic writes, UTC times.
        .target(name: "SluiceLinux", dependencies: ["CSluiceLinux"], swiftSettings: strictSettings),
        // Bucket objects as Distributed Map items (ItemReader); gzip and zstd come from the system libraries.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        // The CSV reader's block classifier (SSE2 comparisons turned into bit masks, which Swift cannot spell).
        .target(name: "CSluiceScan"),
        .target(
            name: "SluiceBucket",
            dependencies: [
                "SluiceLinux", "SluiceCore", "SluiceJSON", "SluiceVocabulary", "CZlib", "CZstd", "CSluiceScan",
            ],
            swiftSettings: strictSettings
        ),
        // Bucket folders watched with inotify and turned into S3's EventBridge object events.
        .target(
            name: "SluiceWatch",
            dependencies: ["SluiceLinux", "SluiceJSON", "SluiceVocabulary", "SluiceCore"],
            swiftSettings: strictSettings
        ),
        // Functions: worker processes under Lambda's concurrency model.
        .target(
            name: "SluiceWorkers",
            dependencies: [
                "CSluiceLinux", "SluiceLinux", "SluiceJSON",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // Topics (SNS): published messages, the sns:publish task, delivery to subscriber scripts.
        .target(
            name: "SluiceTopics",
            dependencies: [
                "SluiceLinux", "SluiceJSON", "SluiceVocabulary", "SluicePatterns", "SluiceCore", "SluiceWorkers",
            ],
            swiftSettings: strictSettings
        ),
        // Configuration folders: rules and subscriptions loaded file by file.
        .target(
            name: "SluiceConfig",
            dependencies: ["SluiceCore", "SluiceJSON", "SluiceASL"],
            swiftSettings: strictSettings
        ),
        // systemd: sd_notify and native journal entries through libsystemd.
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .target(
            name: "SluiceSystemd",
            dependencies: ["CSystemd", .product(name: "Logging", package: "swift-log")],
            swiftSettings: strictSettings
        ),
        // Layer 2: running executions with everything they reach (functions, buckets, topics).
        .target(
            name: "SluiceEngine",
            dependencies: [
                "SluiceJSON", "SluiceVocabulary", "SluiceASL", "SluiceInterpreter", "SluiceWorkers", "SluiceBucket", "SluiceTopics",
                "SluiceCore", "SluiceStore",
            ],
            swiftSettings: strictSettings
        ),
        // The store: sluice.db (SQLite, WAL) through GRDB.
        .target(
            name: "SluiceStore",
            dependencies: [
                "SluiceInterpreter", "SluiceVocabulary", .product(name: "GRDB", package: "GRDB.swift"),
                // sqlite3 itself, for the one insert done a million times in a large map run (ChildRowInsert).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                // zstd, for the journal's large events (JournalCompression).
                "CZstd",
            ],
            swiftSettings: strictSettings
        ),
        // The parsers that read outside input as fuzz targets, and sluice-fuzz running them (`make fuzz` builds it
        // with libFuzzer and AddressSanitizer; built plainly it replays files).
        .target(
            name: "SluiceFuzzing",
            dependencies: [
                "SluiceJSON", "SluiceVocabulary", "SluiceASL", "SluicePatterns", "SluiceJSONata", "SluiceAWS",
                "SluiceLinux", "SluiceBucket", "SluiceWorkers",
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(name: "sluice-fuzz", dependencies: ["SluiceFuzzing"], swiftSettings: strictSettings),
        // Layer 2: the daemon.
        .target(
            name: "SluiceDaemon",
            dependencies: [
                "CSluiceLinux", "SluiceLinux", "SluiceJSON", "SluiceVocabulary", "SluiceASL", "SluiceInterpreter", "SluicePatterns", "SluiceCore", "SluiceConfig",
                "SluiceWorkers", "SluiceTopics", "SluiceWatch", "SluiceSystemd", "SluiceEngine", "SluiceStore", "SluiceAWS",
                "SluiceGraph", "SluiceAgentWire",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: strictSettings
        ),
        // Layer 2: the command line.
        .target(
            name: "SluiceCLI",
            dependencies: [
                "SluiceJSON", "SluiceVocabulary", "SluiceASL", "SluiceInterpreter", "SluicePatterns", "SluiceWorkers", "SluiceCore",
                "SluiceConfig", "SluiceBucket", "SluiceTopics", "SluiceEngine", "SluiceStore", "SluiceLinux", "SluiceJSONata",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // The test kit: fixtures several test targets share, and sluiced in-process on a temporary root.
        .target(
            name: "SluiceTesting",
            dependencies: [
                "SluiceWorkers", "SluiceTopics", "SluiceCore", "SluiceASL", "SluiceJSON", "SluiceDaemon", "SluiceEngine",
                "SluiceStore", "SluiceInterpreter", "SluiceVocabulary",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // Layer 3: executables.
        .executableTarget(name: "sluice", dependencies: ["SluiceCLI"], swiftSettings: strictSettings),
        .executableTarget(
            name: "sluiced",
            dependencies: [
                "SluiceDaemon", "SluiceSystemd", "SluiceEngine",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: strictSettings
        ),
        // A function's worker served to sluiced from another machine (a Slurm node): small, none of sluiced's modules.
        .executableTarget(
            name: "sluice-agent",
            dependencies: [
                "SluiceAgentWire", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        .executableTarget(
            name: "sluice-bench",
            dependencies: [
                "SluiceJSON", "SluiceVocabulary", "SluiceJSONata", "SluiceASL", "SluiceInterpreter", "SluicePatterns", "SluiceWorkers", "SluiceCLI",
                "SluiceEngine", "SluiceStore", "SluiceBucket", "SluiceDaemon", "SluiceAgentWire",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SluiceAgentWireTests",
            dependencies: ["SluiceAgentWire", "SluiceJSON"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "SluiceJSONTests", dependencies: ["SluiceJSON"], swiftSettings: strictSettings),
        .testTarget(
            name: "SluiceJSONataTests",
            dependencies: ["SluiceJSONata", "SluiceJSON"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "SluiceLinuxTests", dependencies: ["SluiceLinux"], swiftSettings: strictSettings),
        .testTarget(
            name: "SluiceAWSTests",
            dependencies: ["SluiceAWS", "SluiceJSON", "SluiceVocabulary"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "SluiceVocabularyTests", dependencies: ["SluiceVocabulary"], swiftSettings: strictSettings),
        .testTarget(
            name: "SluiceGraphTests",
            dependencies: ["SluiceGraph", "SluiceASL", "SluiceInterpreter", "SluiceJSON", "SluiceVocabulary"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "SluiceASLTests", dependencies: ["SluiceASL", "SluiceJSON"], swiftSettings: strictSettings),
        .testTarget(
            name: "SluiceBucketTests",
            dependencies: ["SluiceBucket", "SluiceCore", "SluiceJSON", "SluiceVocabulary"],
            swiftSettings: strictSettings
        ),
        .testTarget(name: "SluiceFuzzingTests", dependencies: ["SluiceFuzzing"], swiftSettings: strictSettings),
        .testTarget(
            name: "SluiceWatchTests",
            dependencies: ["SluiceWatch", "SluiceLinux", "SluiceJSON", "SluiceVocabulary"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SluiceCoreTests",
            dependencies: ["SluiceCore", "SluicePatterns", "SluiceJSON"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SluicePatternsTests",
            dependencies: ["SluicePatterns", "SluiceJSON"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SluiceWorkersTests",
            dependencies: [
                "SluiceWorkers", "SluiceTesting", "SluiceJSON", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SluiceEngineTests",
            dependencies: [
                "SluiceEngine", "SluiceTesting", "SluiceWorkers", "SluiceTopics", "SluiceJSON", "SluiceVocabulary", "SluiceASL",
                "SluiceInterpreter", "SluiceStore", .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SluiceStoreTests",
            dependencies: [
                "SluiceStore", "SluiceInterpreter", "SluiceVocabulary", "SluiceJSON",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SluiceInterpreterTests",
            dependencies: ["SluiceInterpreter", "SluiceASL", "SluiceJSON", "SluiceVocabulary"],
            swiftSettings: strictSettings
        ),
        // sluiced in-process (the test kit) and, for what only it shows, the real binary (built beside the tests),
        // on temporary roots; `sluice` is run as a user runs it.
        .testTarget(
            name: "SluiceDaemonTests",
            dependencies: [
                "sluiced", "sluice", "SluiceDaemon", "SluiceTesting", "SluiceInterpreter", "SluiceStore", "SluiceEngine",
                "SluiceWorkers", "SluiceVocabulary",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
            ],
            // The dashboard pages' fixtures, read by .ci/dashboard-fixtures.py, not by the tests' code;
            // ClockStep: the C shim ClockStepTests compiles and preloads into sluiced.
            exclude: ["DashboardFixtures", "ClockStep"],
            swiftSettings: strictSettings
        ),
        // The `sluice` commands in-process (parsing, exit statuses) and, for what they print, the binary.
        .testTarget(
            name: "SluiceCLITests",
            dependencies: [
                "SluiceCLI", "sluice", "SluiceTesting", "SluiceStore", "SluiceInterpreter", "SluiceJSON", "SluiceASL", "SluiceEngine",
                "SluiceVocabulary", "SluiceWorkers",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: strictSettings
        ),
        // The AWS API driven by the real clients (boto3, the AWS CLI) against sluiced in-process.
        .testTarget(
            name: "SluiceAPITests",
            dependencies: [
                "SluiceTesting", "SluiceDaemon", "SluiceAWS", "SluiceEngine", "SluiceStore", "SluiceVocabulary",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SluiceConfigTests",
            dependencies: ["SluiceConfig", "SluiceCore"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "SluiceTopicsTests",
            dependencies: [
                "SluiceTopics", "SluiceTesting", "SluiceCore", "SluiceJSON", "SluiceVocabulary", "SluicePatterns", "SluiceWorkers",
            ],
            swiftSettings: strictSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
