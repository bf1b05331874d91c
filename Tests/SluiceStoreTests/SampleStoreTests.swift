import Foundation
import SluiceStore
import Testing

/// The dashboard's samples in sluice.db: a second per row, a minute per rolled-up row, map runs' points, pruning.
struct SampleStoreTests {
    let path = NSTemporaryDirectory() + "sluice-store-" + UUID().uuidString + "/sluice.db"

    func second(_ function: String, _ t: Int, concurrent: Int = 1, invocations: Int = 2) -> FunctionSample {
        FunctionSample(
            function: function,
            t: t,
            concurrent: concurrent,
            invocations: invocations,
            errors: 0,
            throttles: 1,
            durationP50: 10,
            durationP99: 20
        )
    }

    @Test("Step 1 reads the seconds; step 60 reads the minute rows, which add up and keep the peak")
    func secondsAndMinutes() throws {
        let database = try SluiceDatabase(path: path)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        // Three minutes of one sample a second, concurrency rising: each second also folds into its minute.
        for t in 6_000..<6_180 {
            let sample = second("score", t, concurrent: t - 6_000)
            var minute = sample
            minute.t = t - t % 60
            try database.saveSamples(SampleBatch(functions: [sample], minutes: [minute]))
        }
        try database.saveSamples(SampleBatch(functions: [second("other", 6_010)]))
        let seconds = try database.functionSamples(function: "score", from: 6_000, to: 6_179, step: 1)
        #expect(seconds.count == 180)
        #expect(seconds.map(\.t) == Array(6_000..<6_180))
        let minutes = try database.functionSamples(function: "score", from: 6_000, to: 6_179, step: 60)
        #expect(minutes.map(\.t) == [6_000, 6_060, 6_120])
        #expect(minutes.map(\.concurrent) == [59, 119, 179])
        #expect(minutes.map(\.invocations) == [120, 120, 120])
        #expect(minutes.map(\.throttles) == [60, 60, 60])
        #expect(minutes[0].durationP99 == 20)
        let all = try database.functionSamples(from: 6_005, to: 6_014)
        #expect(all["score"]?.count == 10)
        #expect(all["other"]?.map(\.t) == [6_010])
    }

    @Test("A second written again replaces its row (a restart within the second); map runs' points in order")
    func rewritesAndMapRuns() throws {
        let database = try SluiceDatabase(path: path)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try database.saveSamples(SampleBatch(functions: [second("f", 10, invocations: 1)]))
        try database.saveSamples(SampleBatch(functions: [second("f", 10, invocations: 5)]))
        #expect(try database.functionSamples(function: "f", from: 0, to: 100, step: 1).map(\.invocations) == [5])
        let run = "arn:aws:states:local:0:mapRun:m/e:1"
        try database.saveSamples(
            SampleBatch(mapRuns: [
                MapRunSample(mapRunArn: run, t: 12, running: 0, succeeded: 9, failed: 1, itemsPerSecond: 3),
                MapRunSample(mapRunArn: run, t: 11, running: 2, succeeded: 6, failed: 1, itemsPerSecond: 6),
            ])
        )
        let points = try database.mapRunSamples(mapRunArn: run)
        #expect(points.map(\.t) == [11, 12])
        #expect(points.last?.succeeded == 9)
        #expect(try database.mapRunSamples(mapRunArn: "none").isEmpty)
    }

    @Test("Pruning deletes what is older than the cut, a limited number of rows per function and table at a time")
    func pruning() throws {
        let database = try SluiceDatabase(path: path)
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        try database.saveSamples(
            SampleBatch(
                functions: (0..<100).map { second("f", $0) },
                mapRuns: (0..<100).map {
                    MapRunSample(mapRunArn: "r", t: $0, running: 1, succeeded: $0, failed: 0, itemsPerSecond: 1)
                }
            )
        )
        #expect(try database.pruneSamples(before: 50, limit: 30) == 30)
        #expect(try database.pruneSamples(before: 50, limit: 30) == 20)
        #expect(try database.pruneSamples(before: 50, limit: 30) == 0)
        #expect(try database.functionSamples(function: "f", from: 0, to: 1_000, step: 1).first?.t == 50)
        #expect(try database.mapRunSamples(mapRunArn: "r").count == 50)
    }
}
