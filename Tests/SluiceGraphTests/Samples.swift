import Foundation

/// Where the tests leave SVGs for a person to look at: .build/graph-samples under the package.
enum Samples {
    static let folder: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent(".build/graph-samples")

    static func save(_ svg: String, as name: String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try svg.write(to: folder.appendingPathComponent(name + ".svg"), atomically: true, encoding: .utf8)
    }

    static func shipped(_ name: String) throws -> String {
        let root = folder.deletingLastPathComponent().deletingLastPathComponent()
        return try String(
            contentsOf: root.appendingPathComponent("etc/sluice/state-machines/\(name).asl.json"),
            encoding: .utf8
        )
    }
}
