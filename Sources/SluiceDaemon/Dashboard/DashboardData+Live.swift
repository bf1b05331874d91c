import SluiceAWS
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceWorkers

/// What only the running daemon knows (the telemetry's live values) and the samples the sampler wrote into
/// sluice.db for the graphs.
extension DashboardData {
    /// The functions in force, with what each did since sluiced started.
    func functions() -> [JSONValue] {
        let byName = Dictionary(live.functions.map { ($0.name, $0) }, uniquingKeysWith: { $1 })
        return runtime.hosts.host.definitions.values.sorted(by: { $0.name < $1.name }).map { definition in
            let now = byName[definition.name]
            var o = JSONObject()
            o["name"] = .string(definition.name)
            o["concurrent"] = .int(now?.concurrent ?? 0)
            o["reservedConcurrency"] = definition.reservedConcurrency.map(JSONValue.int) ?? .null
            o["provisionedConcurrency"] = .int(definition.provisionedConcurrency)
            o["invocations"] = .int(now?.invocations ?? 0)
            o["errors"] = .int(now?.errors ?? 0)
            o["throttles"] = .int(now?.throttles ?? 0)
            o["agents"] = runtime.agentsReports.report(definition.name)?.json ?? .null
            return .object(o)
        }
    }

    func workers() -> JSONValue {
        ["busy": .int(live.workersBusy), "max": .int(live.workersMax)]
    }

    func deliveries() -> JSONValue {
        [
            "queued": .int(live.deliveriesQueued), "delivered": .int(live.deliveriesDelivered),
            "deadLettered": .int(live.deliveriesDeadLettered),
        ]
    }

    /// Every function's concurrency, throttles and errors, a point a second, for the overview's graph.
    func concurrency(from: Double, to: Double) throws(AWSError) -> JSONValue {
        ["from": .double(from.rounded(.down)), "step": 1, "functions": try functionSamples(from: from, to: to)]
    }

    /// Items a second: the sampler's last second while the run goes, its average once it ended.
    func itemsPerSecond(_ run: MapRunRecord, now: Double) -> Double {
        if run.status == .running,
            let running = live.mapRuns.first(where: { $0.progress.mapRunArn == run.mapRunArn })
        {
            return running.itemsPerSecond
        }
        let seconds = (run.stopDate ?? now) - run.startDate
        return seconds > 0 ? Double(run.itemsSucceeded + run.itemsFailed) / seconds : 0
    }

    /// The run's samples: one a second; for a run of more than two hours, one a minute (the last of each minute,
    /// its items/s the minute's average), so that a long run's page stays small.
    func mapRunSamples(_ run: MapRunRecord) throws(AWSError) -> [JSONValue] {
        let samples = try read { try $0.mapRunSamples(mapRunArn: run.mapRunArn) }
        let thinned: [MapRunSample]
        if let first = samples.first, let last = samples.last, last.t - first.t > 7200 {
            var byMinute: [MapRunSample] = []
            for sample in samples {
                if let previous = byMinute.last, previous.t / 60 == sample.t / 60 {
                    byMinute[byMinute.count - 1] = sample
                } else {
                    byMinute.append(sample)
                }
            }
            thinned = byMinute.enumerated().map { index, sample in
                var minute = sample
                let previous = index > 0 ? byMinute[index - 1] : first
                let seconds = Double(max(1, sample.t - previous.t))
                minute.itemsPerSecond =
                    Double(sample.succeeded + sample.failed - previous.succeeded - previous.failed) / seconds
                return minute
            }
        } else {
            thinned = samples
        }
        return thinned.map { sample in
            [
                "t": .int(sample.t), "running": .int(sample.running), "succeeded": .int(sample.succeeded),
                "failed": .int(sample.failed), "itemsPerSecond": .double(sample.itemsPerSecond),
            ]
        }
    }

    /// Each function's samples between two times: a point a second, or for a span longer than `pointsShown`
    /// seconds (a long map run) a point per few seconds, each its bucket's peak concurrency and summed throttles and
    /// errors, so that an hour's run is not a megabyte a poll.
    func functionSamples(from: Double, to: Double) throws(AWSError) -> JSONValue {
        let samples = try read { try $0.functionSamples(from: Int(from), to: Int(to.rounded(.up))) }
        let step = max(1, Int(((to - from) / Double(Self.pointsShown)).rounded(.up)))
        var o = JSONObject()
        for (name, series) in samples.sorted(by: { $0.key < $1.key }) {
            o[name] = .array(
                Self.buckets(series, step: step).map {
                    [
                        "t": .int($0.t), "concurrent": .int($0.concurrent), "throttles": .int($0.throttles),
                        "errors": .int($0.errors),
                    ]
                }
            )
        }
        return .object(o)
    }

    /// The most points a graph of the functions' concurrency gets: more than a chart's width in pixels.
    static let pointsShown = 1200

    /// Samples `step` seconds together: the bucket's first time, peak concurrency, summed throttles and errors.
    static func buckets(_ series: [FunctionSample], step: Int) -> [FunctionSample] {
        guard step > 1 else { return series }
        var out: [FunctionSample] = []
        for sample in series {
            let start = sample.t - ((sample.t % step) + step) % step
            if var last = out.last, last.t == start {
                last.concurrent = max(last.concurrent, sample.concurrent)
                last.throttles += sample.throttles
                last.errors += sample.errors
                out[out.count - 1] = last
            } else {
                var first = sample
                first.t = start
                out.append(first)
            }
        }
        return out
    }

    /// One function's samples, a point a second (`step` 1) or a minute (60).
    func functionSamples(_ name: String, from: Double, to: Double, step: Int) throws(AWSError) -> [JSONValue] {
        try read { try $0.functionSamples(function: name, from: Int(from), to: Int(to.rounded(.up)), step: step) }.map {
            [
                "t": .int($0.t), "concurrent": .int($0.concurrent), "invocations": .int($0.invocations),
                "errors": .int($0.errors), "throttles": .int($0.throttles),
                "durationP50": $0.durationP50.map(JSONValue.double) ?? .null,
                "durationP99": $0.durationP99.map(JSONValue.double) ?? .null,
            ]
        }
    }
}
