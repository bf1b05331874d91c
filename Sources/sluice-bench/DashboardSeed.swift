import Foundation
import SluiceEngine
import SluiceInterpreter
import SluiceStore
import SluiceVocabulary

/// `sluice-bench seed-dashboard --root R`: fills R's sluice.db with what a busy week leaves for the dashboard, the
/// input of the page benchmark: a sample every second of the last 7 days for 5 functions (with their minute
/// rows), 10,000 ended executions of two state machines spread over the week (a few failed, timed out or
/// aborted), and a 56-minute Distributed Map run with a point per second.
enum DashboardSeed {
    static let functions = ["score", "enrich", "notify", "resize", "report"]
    static let week = 7 * 86_400

    static func run(arguments: [String]) throws {
        guard let index = arguments.firstIndex(of: "--root"), index + 1 < arguments.count else {
            print("usage: sluice-bench seed-dashboard --root ROOT")
            return
        }
        let root = arguments[index + 1]
        let database = try SluiceDatabase(path: SluicePaths(root: root).store)
        let now = Int(Date().timeIntervalSince1970)
        let start = Date()
        try seedSamples(database, now: now)
        let samplesTook = Date().timeIntervalSince(start)
        try seedExecutions(database, now: now)
        let executionsTook = Date().timeIntervalSince(start) - samplesTook
        print(
            "seed-dashboard: \(root): \(functions.count) functions × \(week) s of samples in "
                + String(format: "%.1f s", samplesTook) + ", 10,000 executions and a map run in "
                + String(format: "%.1f s", executionsTook)
        )
    }

    /// A sample per second of the week for every function, an hour per transaction (as the sampler writes a
    /// second per transaction, but faster), with the minute rows.
    private static func seedSamples(_ database: SluiceDatabase, now: Int) throws {
        let first = now - week
        var generator = SystemRandomNumberGenerator()
        for hour in stride(from: first, to: now, by: 3_600) {
            var batch = SampleBatch()
            batch.functions.reserveCapacity(3_600 * functions.count)
            for (index, function) in functions.enumerated() {
                var minute: FunctionSample?
                for t in hour..<min(hour + 3_600, now) {
                    // A daily wave per function, shifted, with noise: what a graph has to draw.
                    let phase = Double(t % 86_400) / 86_400 * 2 * Double.pi + Double(index)
                    let concurrent = max(0, Int((sin(phase) + 1) * 40) + Int.random(in: 0..<5, using: &generator))
                    let invocations = concurrent * 3 + Int.random(in: 0..<3, using: &generator)
                    let errors = Int.random(in: 0..<100, using: &generator) == 0 ? 1 : 0
                    let throttles = concurrent > 70 ? concurrent - 70 : 0
                    let p50 = 80 + Double(index) * 20 + Double.random(in: 0..<10, using: &generator)
                    let sample = FunctionSample(
                        function: function,
                        t: t,
                        concurrent: concurrent,
                        invocations: invocations,
                        errors: errors,
                        throttles: throttles,
                        durationP50: p50,
                        durationP99: p50 * 3
                    )
                    batch.functions.append(sample)
                    let minuteStart = t - t % 60
                    if let done = minute, done.t != minuteStart {
                        batch.minutes.append(done)
                        minute = nil
                    }
                    var row =
                        minute
                        ?? FunctionSample(
                            function: function,
                            t: minuteStart,
                            concurrent: 0,
                            invocations: 0,
                            errors: 0,
                            throttles: 0,
                            durationP50: p50,
                            durationP99: p50 * 3
                        )
                    row.concurrent = max(row.concurrent, concurrent)
                    row.invocations += invocations
                    row.errors += errors
                    row.throttles += throttles
                    minute = row
                }
                if let done = minute { batch.minutes.append(done) }
            }
            try database.saveSamples(batch)
        }
    }

    /// 10,000 ended executions over the week, each with its start and end events; a 56-minute map run.
    private static func seedExecutions(_ database: SluiceDatabase, now: Int) throws {
        let machines = ["score-companies", "resize-images"]
        for number in 0..<10_000 {
            let machine = machines[number % 10 < 7 ? 0 : 1]
            let name = String(format: "seed-%05d", number)
            let startDate = Double(now - week) + Double(number) * Double(week) / 10_000
            let stopDate = startDate + Double(number % 97) + 0.5
            let status: ExecutionStatus =
                switch number % 100 {
                case 0, 1, 2: .failed
                case 3: .timedOut
                case 4: .aborted
                default: .succeeded
                }
            let failed = status != .succeeded
            let record = ExecutionRecord(
                executionArn: "arn:aws:states:local:000000000000:execution:\(machine):\(name)",
                stateMachineArn: "arn:aws:states:local:000000000000:stateMachine:\(machine)",
                name: name,
                status: status,
                startDate: startDate,
                stopDate: stopDate,
                input: #"{"Key":"incoming/\#(name).csv"}"#,
                output: failed ? nil : #"{"scored":\#(number % 1_000)}"#,
                error: failed ? "States.TaskFailed" : nil,
                cause: failed ? #"{"errorMessage":"seeded failure \#(number)","errorType":"ValueError"}"# : nil
            )
            let started = StoredHistoryEvent(
                id: 1,
                type: "ExecutionStarted",
                timestamp: startDate,
                document:
                    #"{"id":1,"previousEventId":0,"type":"ExecutionStarted","executionStartedEventDetails":{"input":"{}","roleArn":"arn:aws:iam::000000000000:role/sluice"}}"#
            )
            let ended = StoredHistoryEvent(
                id: 2,
                type: failed ? "ExecutionFailed" : "ExecutionSucceeded",
                timestamp: stopDate,
                document:
                    #"{"id":2,"previousEventId":1,"type":"\#(failed ? "ExecutionFailed" : "ExecutionSucceeded")"}"#
            )
            try database.saveExecution(record, history: [started, ended])
        }
        // The story's run: 56 minutes, 227,000 items, a point per second.
        let executionArn = "arn:aws:states:local:000000000000:execution:score-companies:seed-story"
        let mapRunArn = "arn:aws:states:local:000000000000:mapRun:score-companies/Score:seed-story"
        let runStart = now - 3 * 3_600
        let seconds = 56 * 60
        let items = 227_000
        try database.saveMapRuns([
            MapRunRecord(
                mapRunArn: mapRunArn,
                executionArn: executionArn,
                status: .succeeded,
                startDate: Double(runStart),
                stopDate: Double(runStart + seconds),
                maxConcurrency: 1_000,
                toleratedFailureCount: nil,
                toleratedFailurePercentage: 5,
                itemsRead: items,
                itemsPending: 0,
                itemsSucceeded: items - 120,
                itemsFailed: 120,
                totalKnown: true,
                childrenRunning: 0,
                childrenSucceeded: 227,
                childrenFailed: 0,
                updateDate: Double(runStart + seconds)
            )
        ])
        var points: [MapRunSample] = []
        for second in 0...seconds {
            let done = items * second / seconds
            points.append(
                MapRunSample(
                    mapRunArn: mapRunArn,
                    t: runStart + second,
                    running: second == seconds ? 0 : 1_000,
                    succeeded: done - done * 120 / items,
                    failed: done * 120 / items,
                    itemsPerSecond: Double(items) / Double(seconds)
                )
            )
        }
        try database.saveSamples(SampleBatch(mapRuns: points))
    }
}
