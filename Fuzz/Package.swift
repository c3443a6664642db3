// swift-tools-version:6.0
import PackageDescription

/// libFuzzer targets over what renosim reads from users: scenario files and
/// result/baseline files. A package of its own, so that the root's
/// `swift build` and `swift test` never build these (they have no `main`:
/// libFuzzer supplies it). Built and run by `scripts/fuzz.sh`:
///
///     swift build --package-path Fuzz -Xswiftc -sanitize=fuzzer,address
let package = Package(
    name: "renosim-fuzz",
    dependencies: [.package(name: "renosim", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .executableTarget(
            name: "FuzzScenario",
            dependencies: ["FuzzDriver", .product(name: "Renovation", package: "renosim")]
        ),
        .executableTarget(
            name: "FuzzResults",
            dependencies: ["FuzzDriver", .product(name: "Reports", package: "renosim")]
        ),
    ]
)
