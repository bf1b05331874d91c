import SluiceAWS
import SluiceEngine
import SluiceJSON
import SluiceVocabulary
import SluiceWorkers

/// `function`: a function's settings and its graphs over a range of up to a week (a point a second up to two
/// hours, a point a minute beyond).
extension DashboardData {
    static let longestRange = 7 * 86_400

    func function(_ name: String, _ request: AWSRequest) throws(AWSError) -> JSONValue {
        let host = runtime.hosts.host
        guard let definition = host.definitions[name] else {
            throw AWSError("ResourceNotFoundException", "Function not found: \(name)", status: 404)
        }
        let range = min(max(request.query("range").flatMap(Int.init) ?? 3600, 60), Self.longestRange)
        let step = range <= 7200 ? 1 : 60
        let now = Double(runtime.clock.now().epochMilliseconds) / 1000
        var o = JSONObject()
        o["name"] = .string(name)
        o["runtime"] = .string(definition.runtime.rawValue)
        o["timeout"] = .double(definition.timeout)
        o["reservedConcurrency"] = definition.reservedConcurrency.map(JSONValue.int) ?? .null
        o["provisionedConcurrency"] = .int(definition.provisionedConcurrency)
        o["concurrent"] = .int(live.functions.first { $0.name == name }?.concurrent ?? 0)
        o["agents"] = runtime.agentsReports.report(name)?.json ?? .null
        o["now"] = Self.iso(now)
        o["range"] = .int(range)
        o["step"] = .int(step)
        o["samples"] = .array(try functionSamples(name, from: now - Double(range), to: now, step: step))
        return .object(o)
    }
}
