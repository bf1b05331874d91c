import Foundation
import SluiceInterpreter
import SluiceStore
import SluiceWorkers
import Testing

@testable import SluiceDaemon

/// The dashboard's sampler driven second by second (the seconds it is given are its clock): a point per second
/// of a busy function and of a running map run, minute rows, a restart that keeps what was written, retention.
struct TelemetrySamplerTests {
    let folder = NSTemporaryDirectory() + "sluice-sampler-" + UUID().uuidString

    func definition(_ name: String) -> FunctionDefinition {
        FunctionDefinition(name: name, command: ["true"], file: name + ".json")
    }

    @Test("A point per second while a function is busy, none while idle; a map run's points up to its last")
    func pointPerSecond() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let database = try SluiceDatabase(path: folder + "/sluice.db")
        let telemetry = Telemetry(maxWorkers: 4)
        let recorder = telemetry.functions.recorder(for: definition("score"))
        _ = telemetry.functions.recorder(for: definition("idle"))
        var sampler = TelemetrySampler(telemetry: telemetry, database: database, retention: 86_400)
        let run = "arn:aws:states:local:0:mapRun:m/e:1"
        let running = recorder.began()
        for t in 1_000..<1_005 {
            let start = recorder.began()
            recorder.ended(since: start, failed: t == 1_002)
            recorder.throttled()
            telemetry.mapRunProgress(
                [
                    MapRunProgress(
                        mapRunArn: run,
                        itemsRead: 100,
                        itemsSucceeded: (t - 1_000) * 10,
                        itemsFailed: 0,
                        running: 2,
                        totalKnown: true
                    )
                ],
                executionArn: "e",
                stateMachine: "m"
            )
            try sampler.tick(at: t)
        }
        recorder.ended(since: running, failed: false)
        telemetry.mapRunProgress(
            [
                MapRunProgress(
                    mapRunArn: run,
                    status: .succeeded,
                    itemsRead: 100,
                    itemsSucceeded: 100,
                    itemsFailed: 0,
                    running: 0,
                    totalKnown: true
                )
            ],
            executionArn: "e",
            stateMachine: "m"
        )
        try sampler.tick(at: 1_005)
        try sampler.tick(at: 1_006)  // idle: no function point, the run is gone
        let seconds = try database.functionSamples(function: "score", from: 0, to: 2_000, step: 1)
        #expect(seconds.map(\.t) == Array(1_000...1_005))
        #expect(seconds.first?.concurrent == 2)
        #expect(seconds.map(\.invocations) == [1, 1, 1, 1, 1, 1])
        #expect(seconds.map(\.errors) == [0, 0, 1, 0, 0, 0])
        #expect(seconds.map(\.throttles) == [1, 1, 1, 1, 1, 0])
        #expect(seconds.allSatisfy { $0.durationP50 != nil && $0.durationP99 != nil })
        #expect(try database.functionSamples(function: "idle", from: 0, to: 2_000, step: 1).isEmpty)
        let minutes = try database.functionSamples(function: "score", from: 0, to: 2_000, step: 60)
        #expect(minutes.map(\.t) == [960])  // the minute 960–1019
        #expect(minutes.first?.invocations == 6)
        #expect(minutes.first?.errors == 1)
        #expect(minutes.first?.concurrent == 2)
        let points = try database.mapRunSamples(mapRunArn: run)
        #expect(points.map(\.t) == Array(1_000...1_005))
        #expect(points.last?.succeeded == 100)
        #expect(points.last?.running == 0)
        #expect(points[1].itemsPerSecond == 10)
        #expect(telemetry.live.mapRuns.isEmpty)
    }

    @Test("A restart carries on: the rows written before stay and new ones join them; retention prunes the old")
    func restartAndRetention() throws {
        defer { try? FileManager.default.removeItem(atPath: folder) }
        do {
            let database = try SluiceDatabase(path: folder + "/sluice.db")
            let telemetry = Telemetry(maxWorkers: 4)
            let recorder = telemetry.functions.recorder(for: definition("f"))
            var sampler = TelemetrySampler(telemetry: telemetry, database: database, retention: 600)
            for t in [100, 101, 5_000, 5_001] {
                recorder.ended(since: recorder.began(), failed: false)
                try sampler.tick(at: t)
            }
        }
        // Another sluiced on the same store, later: the rows within the retention stay, older ones go.
        let database = try SluiceDatabase(path: folder + "/sluice.db")
        let telemetry = Telemetry(maxWorkers: 4)
        let recorder = telemetry.functions.recorder(for: definition("f"))
        var sampler = TelemetrySampler(telemetry: telemetry, database: database, retention: 600)
        sampler.pruneLimit = 1
        for t in 5_400..<5_404 {
            recorder.ended(since: recorder.began(), failed: false)
            try sampler.tick(at: t)
        }
        let kept = try database.functionSamples(function: "f", from: 0, to: 10_000, step: 1).map(\.t)
        #expect(kept == [5_000, 5_001, 5_400, 5_401, 5_402, 5_403])
        let minutes = try database.functionSamples(function: "f", from: 0, to: 10_000, step: 60).map(\.t)
        #expect(minutes == [4_980, 5_400])
    }
}
