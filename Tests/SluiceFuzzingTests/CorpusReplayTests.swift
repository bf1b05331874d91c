import Foundation
import SluiceFuzzing
import Testing

/// Every committed corpus file and crash input (Fuzz/corpus/TARGET, Fuzz/crashes/TARGET) fed once to its fuzz
/// target without libFuzzer: a parser that crashes or hangs on one of them fails the suite, so a fixed finding
/// stays fixed. `make fuzz` grows the corpora; this keeps them cheap to run on every `swift test`.
///
/// One target at a time, each on a thread of its own: the parsers run synchronously, and on the concurrency pool's
/// few threads they would starve the in-process sluiced of the suites running beside these.
@Suite(.serialized) struct CorpusReplayTests {
    static let fuzzFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fuzz")

    static func inputs(_ target: FuzzTarget) -> [URL] {
        ["corpus", "crashes"].flatMap { kind in
            let folder = fuzzFolder.appendingPathComponent(kind).appendingPathComponent(target.rawValue)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            return names.sorted().map { folder.appendingPathComponent($0) }
        }
    }

    @Test(arguments: FuzzTarget.allCases)
    func replaysCorpus(_ target: FuzzTarget) async throws {
        let files = Self.inputs(target)
        #expect(!files.isEmpty, "no corpus for \(target.rawValue) under \(Self.fuzzFolder.path)")
        let name = target.rawValue
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            Thread {
                continuation.resume(
                    with: Result {
                        guard let target = FuzzTarget(rawValue: name) else { return }
                        for file in files { target.run(Array(try Data(contentsOf: file))) }
                    }
                )
            }.start()
        }
    }
}
