import SluiceInterpreter
import Testing

@testable import SluiceDaemon

/// The journal's messages name what they are about.
struct LogNamesTests {
    @Test("Executions and map runs by their ARNs' last parts; counts, durations and ETAs as people read them")
    func names() {
        #expect(
            LogNames.execution("arn:aws:states:local:000000000000:execution:score-companies:t-csv-16e17fde")
                == "score-companies:t-csv-16e17fde"
        )
        #expect(
            LogNames.mapRun(
                "arn:aws:states:local:000000000000:mapRun:score-companies/scores:1329aee5-0d3c-4f1e-9a55-6a7d1c1e2f3a"
            ) == "score-companies/scores:1329aee5"
        )
        #expect(LogNames.execution("not an arn") == "not an arn")
        #expect(
            [0, 999, 1_000, 164_962, 1_500_000].map(LogNames.count) == ["0", "999", "1,000", "164,962", "1,500,000"]
        )
        #expect(
            [0.24, 1.3, 42, 185, 7_260].map(LogNames.duration) == [
                "0.2 s", "1.3 s", "42 s", "3 min 05 s", "2 h 01 min",
            ]
        )
        #expect(LogNames.clock(0.4) == "0:00:01")
        #expect(LogNames.clock(3_725) == "1:02:05")
    }

    @Test("Map run progress: a line at the start, then at most one per interval with rate and ETA, and the last")
    func progressLines() {
        let log = MapRunProgressLog(interval: .seconds(5))
        let arn = "arn:aws:states:local:000000000000:mapRun:score-companies/scores:1329aee5-0d3c"
        func run(_ done: Int, status: MapRunStatus = .running) -> MapRunProgress {
            MapRunProgress(
                mapRunArn: arn,
                status: status,
                itemsRead: 227_000,
                itemsSucceeded: done,
                itemsFailed: 0,
                running: 16,
                totalKnown: true
            )
        }
        let start = ContinuousClock.now
        #expect(
            log.lines(for: [run(0)], at: start) == [
                "map run score-companies/scores:1329aee5 0/227,000 items (0%), 0 failed, 16 running"
            ]
        )
        #expect(log.lines(for: [run(10_000)], at: start + .seconds(1)).isEmpty)
        #expect(
            log.lines(for: [run(164_962)], at: start + .seconds(5)) == [
                "map run score-companies/scores:1329aee5 164,962/227,000 items (72%), 0 failed, 16 running, 32,992 items/s, ETA 0:00:02"
            ]
        )
        #expect(
            log.lines(for: [run(227_000, status: .succeeded)], at: start + .seconds(6)) == [
                "map run score-companies/scores:1329aee5 227,000/227,000 items (100%), 0 failed, SUCCEEDED"
            ]
        )
    }
}
