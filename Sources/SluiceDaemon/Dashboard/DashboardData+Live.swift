import SluiceAWS
import SluiceEngine
import SluiceJSON
import SluiceStore
import SluiceWorkers

/// What only the running daemon knows: functions' concurrency now, workers, deliveries, rates and the samples
/// behind the graphs. (The telemetry's sampler replaces the stand-ins here when it lands.)
extension DashboardData {
    func functions() async -> [JSONValue] {
        let host = runtime.hosts.host
        var list: [JSONValue] = []
        for definition in host.definitions.values.sorted(by: { $0.name < $1.name }) {
            var o = JSONObject()
            o["name"] = .string(definition.name)
            o["concurrent"] = .int(await host.workerCounts(definition.name).busy)
            o["reservedConcurrency"] = definition.reservedConcurrency.map(JSONValue.int) ?? .null
            o["provisionedConcurrency"] = .int(definition.provisionedConcurrency)
            o["invocations"] = .int(0)
            o["errors"] = .int(0)
            o["throttles"] = .int(0)
            list.append(.object(o))
        }
        return list
    }

    func workers() async -> JSONValue {
        ["busy": .int(await runtime.hosts.host.busyWorkers()), "max": .int(runtime.settings.maxWorkers)]
    }

    func deliveries() throws(AWSError) -> JSONValue {
        ["queued": .int(try read { try $0.pendingDeliveryCount() }), "delivered": 0, "deadLettered": 0]
    }

    func concurrency(from: Double, to: Double) throws(AWSError) -> JSONValue {
        ["from": .double(from.rounded(.down)), "step": 1, "functions": .object(JSONObject())]
    }

    /// Items a second: the run's average so far.
    func itemsPerSecond(_ run: MapRunRecord, now: Double) -> Double {
        let seconds = (run.stopDate ?? now) - run.startDate
        return seconds > 0 ? Double(run.itemsSucceeded + run.itemsFailed) / seconds : 0
    }

    func mapRunSamples(_ run: MapRunRecord) throws(AWSError) -> [JSONValue] { [] }

    func functionSamples(from: Double, to: Double) throws(AWSError) -> JSONValue { .object(JSONObject()) }

    func functionSamples(_ name: String, from: Double, to: Double, step: Int) throws(AWSError) -> [JSONValue] { [] }
}
