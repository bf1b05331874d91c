import SluiceAWS
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// `overview`: what is happening now, for the page people leave open.
extension DashboardData {
    static let statuses = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"]
    /// The overview's concurrency graph: the last ten minutes.
    static let overviewWindow = 600.0

    func overview() throws(AWSError) -> JSONValue {
        let counts = try read { try $0.executionCounts() }
        var executions = JSONObject()
        for status in Self.statuses { executions[status] = .int(counts[status] ?? 0) }
        let now = Double(runtime.clock.now().epochMilliseconds) / 1000
        var o = JSONObject()
        o["now"] = Self.iso(now)
        o["user"] = .string(user)
        o["csrf"] = .string(csrf)
        o["executions"] = .object(executions)
        o["mapRuns"] = .array(try read { try $0.dashboardMapRuns(ended: 10) }.map { mapRunEntry($0, now: now) })
        o["functions"] = .array(functions())
        o["workers"] = workers()
        o["deliveries"] = deliveries()
        o["recentFailures"] = .array(try read { try $0.latestFailures(limit: 10) }.map(Self.failureEntry))
        o["recentExecutions"] = .array(try read { try $0.latestExecutions(limit: 20) }.map(Self.listEntry))
        o["concurrency"] = try concurrency(from: now - Self.overviewWindow, to: now)
        return .object(o)
    }

    /// A map run as the overview lists it: DescribeMapRun's item counts, its rate and the time left.
    func mapRunEntry(_ run: MapRunRecord, now: Double) -> JSONValue {
        let document = MapRunDocument(run: run).description
        var o = JSONObject()
        for key in ["mapRunArn", "executionArn", "status", "startDate", "stopDate", "itemCounts"] {
            if let value = document[key] { o[key] = value }
        }
        o["stateMachine"] = .string(Self.machineName(run.executionArn))
        let rate = itemsPerSecond(run, now: now)
        o["itemsPerSecond"] = .double(rate)
        o["etaSeconds"] = Self.eta(run, rate: rate)
        return .object(o)
    }

    /// Seconds until the items left are done at `rate`; null while the total is unknown or nothing moves.
    static func eta(_ run: MapRunRecord, rate: Double) -> JSONValue {
        guard run.status == .running, run.totalKnown, rate > 0 else { return .null }
        let left = max(0, run.itemsRead - run.itemsSucceeded - run.itemsFailed)
        return .int(Int((Double(left) / rate).rounded(.up)))
    }
}
