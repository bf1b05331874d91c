import Foundation
import SluiceEngine

/// A temporary root for sluiced: the folders of DESIGN.md (etc/sluice, var/lib/sluice with bucket `inbox`) and an
/// `out` folder for subscriber scripts to write into. Files are written and read back relative to it.
package struct DaemonRoot: Sendable {
    package let path: String

    package init() throws {
        path = NSTemporaryDirectory() + "sluiced-e2e-" + UUID().uuidString
        for folder in [
            "etc/sluice/state-machines", "etc/sluice/rules", "etc/sluice/subscriptions", "etc/sluice/functions",
            "var/lib/sluice/buckets/inbox", "out",
        ] {
            try FileManager.default.createDirectory(atPath: path + "/" + folder, withIntermediateDirectories: true)
        }
    }

    package var paths: SluicePaths { SluicePaths(root: path) }

    /// Writes `text` to `relative`, making its folders; `executable` for scripts.
    package func write(_ relative: String, _ text: String, executable: Bool = false) throws {
        let file = path + "/" + relative
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent,
            withIntermediateDirectories: true
        )
        try text.write(toFile: file, atomically: false, encoding: .utf8)
        if executable { chmod(file, 0o755) }
    }

    /// The text of `relative`, or nil when there is none.
    package func read(_ relative: String) -> String? {
        try? String(contentsOfFile: path + "/" + relative, encoding: .utf8)
    }

    /// Whether `relative` exists.
    package func exists(_ relative: String) -> Bool {
        FileManager.default.fileExists(atPath: path + "/" + relative)
    }

    /// Moves `from` to `to` (both relative) with rename(2): an upload that appears whole.
    package func move(_ from: String, to: String) throws {
        try FileManager.default.moveItem(atPath: path + "/" + from, toPath: path + "/" + to)
    }

    /// The names in folder `relative`, sorted; none when it does not exist.
    package func files(_ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: path + "/" + relative)) ?? []).sorted()
    }

    /// The messages stored in topic `topic` (its `.json` files, hidden ones being written left out).
    package func messages(in topic: String) -> [String] {
        files("var/lib/sluice/topics/" + topic).filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
    }

    /// The lines of `relative` (a script's count of its runs), none when it does not exist.
    package func lines(_ relative: String) -> Int {
        (read(relative) ?? "").split(separator: "\n").count
    }

    package func remove() { try? FileManager.default.removeItem(atPath: path) }
}
