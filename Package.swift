// swift-tools-version:6.0
import PackageDescription

/// Whole-program specialisation across the library targets: the engine is
/// generic over the model, and the model's hot calls cross module lines.
let optimise: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

let package = Package(
    name: "renosim",
    platforms: [.macOS(.v13)],
    products: [
        // MARK: - Public API
        .executable(name: "renosim", targets: ["renosim"]),
        .library(name: "Stochastic", targets: ["Stochastic"]),
        .library(name: "DiscreteEvent", targets: ["DiscreteEvent"]),
        .library(name: "Renovation", targets: ["Renovation"]),
        // For the fuzz targets in Fuzz/ (a separate package, built only by scripts/fuzz.sh).
        .library(name: "Reports", targets: ["Reports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.1.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        // SQLite for results.sqlite and merged sweeps (Debian's libsqlite3-dev, installed by the scripts).
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // Reads planners' inventory tables (CSV) row by row; quoted fields, CRLF.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        // Tests only: generated scenarios that shrink to a readable counterexample.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        // renosim serve: the browser what-if (HTTP server on SwiftNIO; HummingbirdTesting for in-process tests).
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Hummingbird logs through swift-log; the server hands it a logger that forwards to the CLI's callback.
        .package(url: "https://github.com/apple/swift-log", from: "1.14.0"),
    ],
    targets: [
        // MARK: - Implementation details
        .systemLibrary(
            name: "CGSL",
            path: "Sources/CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),

        // MARK: - Libraries
        .target(name: "Stochastic", dependencies: ["CGSL"], swiftSettings: optimise),
        .target(
            name: "DiscreteEvent",
            dependencies: [.product(name: "DequeModule", package: "swift-collections")],
            swiftSettings: optimise
        ),

        .target(name: "QueueingModels", dependencies: ["DiscreteEvent", "Stochastic"], swiftSettings: optimise),
        .target(
            name: "Renovation",
            dependencies: [
                "DiscreteEvent", "Stochastic",
                .product(name: "Yams", package: "Yams"),
                .product(name: "DequeModule", package: "swift-collections"),
                .product(name: "CSV", package: "CSV.swift"),
            ],
            swiftSettings: optimise
        ),

        // An independent reference for dispatch: RCPSP instances, the textbook
        // parallel schedule-generation scheme and an exact solver for small ones.
        .target(name: "SchedulingReference"),

        .target(name: "Experiments", dependencies: ["Renovation", "Stochastic", "DiscreteEvent"], swiftSettings: optimise),
        // GRDB: results.sqlite, the run's results in one queryable file.
        .target(
            name: "Reports",
            dependencies: [
                "Experiments", "Renovation", .product(name: "GRDB", package: "GRDB.swift"),
                // The per-building rows of results.sqlite bind through SQLite's C API: GRDB's arguments cost 4 µs a row.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // Shards, sweeps and their merge: the batch side for clusters (Slurm job arrays).
        .target(
            name: "Sharding",
            dependencies: [
                "Experiments", "Renovation", "Reports",
                .product(name: "Yams", package: "Yams"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),

        // The browser what-if behind `renosim serve`: routes, runs and their limits; prints nothing.
        .target(
            name: "WhatIf",
            dependencies: [
                "Renovation", "Experiments", "Reports", "Sharding",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: - Command line
        .executableTarget(
            name: "renosim",
            dependencies: [
                "Renovation", "Experiments", "Reports", "Sharding", "WhatIf",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),

        .executableTarget(
            name: "renosim-bench",
            dependencies: [
                "QueueingModels", "Renovation", "Experiments", "Sharding", "SchedulingReference",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: - Tests
        .testTarget(name: "StochasticTests", dependencies: ["Stochastic"]),
        .testTarget(name: "DiscreteEventTests", dependencies: ["DiscreteEvent", "Stochastic", "QueueingModels"]),
        .testTarget(
            name: "RenovationTests",
            dependencies: [
                "Renovation", "QueueingModels", "Experiments", "SchedulingReference",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]
        ),
        .testTarget(name: "ExperimentsTests", dependencies: ["Experiments", "Renovation", "Reports"]),
        .testTarget(
            name: "ShardingTests",
            dependencies: ["Sharding", "Experiments", "Renovation", "Reports", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(
            name: "WhatIfTests",
            dependencies: [
                "WhatIf", "Renovation", "Experiments", "Reports",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        // Runs the built `renosim` binary end to end.
        .testTarget(name: "CLITests", dependencies: ["renosim"]),
    ]
)
