import Foundation
import SluiceFuzzing
import Testing

/// Every committed corpus file and crash input (Fuzz/corpus/TARGET, Fuzz/crashes/TARGET) fed once to its fuzz
/// target without libFuzzer: a parser that crashes or hangs on one of them fails the suite, so a fixed finding
/// stays fixed. `make fuzz` grows the corpora; this keeps them cheap to run on every `swift test`.
struct CorpusReplayTests {
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
    func replaysCorpus(_ target: FuzzTarget) throws {
        let files = Self.inputs(target)
        #expect(!files.isEmpty, "no corpus for \(target.rawValue) under \(Self.fuzzFolder.path)")
        for file in files {
            target.run(Array(try Data(contentsOf: file)))
        }
    }
}
