import Foundation

/// The `sluice` binary built beside the tests, run on a root as a user runs it: what a test checks of the
/// commands' output against a running sluiced (in-process or not), which only goes through sluice.db.
package struct SluiceTool: Sendable {
    /// The package's build folder (the tests run from a build of the same package): the test binary's own folder
    /// when the binaries are beside it, so a sanitized test build (`make sanitize`, its own scratch path) runs
    /// sanitized `sluiced` and `sluice` too; .build/debug otherwise.
    package static let buildFolder: String = {
        if let test = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let folder = (test as NSString).deletingLastPathComponent
            if FileManager.default.isExecutableFile(atPath: folder + "/sluiced") { return folder }
        }
        let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return package.appendingPathComponent(".build/debug").path
    }()

    package let root: DaemonRoot

    package init(root: DaemonRoot) { self.root = root }

    /// A finished `sluice` run: its exit status, what it printed and what it said on stderr.
    package struct Run: Sendable {
        package let status: Int32
        package let output: Data
        package let errors: String
    }

    /// Runs `sluice ARGS --root ROOT` on a thread of its own (a command may wait for sluiced's answer);
    /// `withRoot: false` leaves `--root` out, for the verbs that only read the files given.
    package func run(_ arguments: [String], withRoot: Bool = true) async throws -> Run {
        let tool = self
        return try await onOwnThread { try tool.runHere(arguments, withRoot: withRoot) }
    }

    /// Runs `sluice ARGS --root ROOT` on the calling thread, blocking it until `sluice` exits (for tests that
    /// drive the real sluiced from a thread of their own).
    package func runHere(_ arguments: [String], withRoot: Bool = true) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.buildFolder + "/sluice")
        process.arguments = withRoot ? arguments + ["--root", root.path] : arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        // A file, not a second pipe: reading one pipe to its end while the other fills would block both sides.
        let errorsFile = root.path + "/sluice-stderr-" + UUID().uuidString
        _ = FileManager.default.createFile(atPath: errorsFile, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: errorsFile) }
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorsFile))
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = (try? String(contentsOfFile: errorsFile, encoding: .utf8)) ?? ""
        return Run(status: process.terminationStatus, output: data, errors: errors)
    }

    /// `sluice ARGS --root ROOT`'s exit status.
    package func status(_ arguments: [String]) async throws -> Int32 { try await run(arguments).status }

    /// `sluice ARGS --root ROOT --json`, parsed.
    package func json(_ arguments: [String]) async throws -> [String: Any] {
        let data = try await run(arguments + ["--json"]).output
        return (try JSONSerialization.jsonObject(with: data)) as? [String: Any] ?? [:]
    }
}
