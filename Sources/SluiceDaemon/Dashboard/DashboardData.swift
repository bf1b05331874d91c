import SluiceAWS
import SluiceEngine
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// The JSON the dashboard's pages read (`/_sluice/api/NAME`): pages of what sluice.db and the running daemon know,
/// in AWS's field names, dates as ISO 8601 text and samples as Unix seconds.
struct DashboardData {
    let runtime: DaemonRuntime
    let user: String
    let csrf: String
    /// The telemetry's live values, read once, so that one answer's numbers are of one moment.
    let live: TelemetrySnapshot

    func answer(_ name: String, _ request: AWSRequest) -> AWSResponse {
        do {
            let value: JSONValue
            switch name {
            case "overview": value = try overview()
            case "executions": value = try executions(request)
            case "execution": value = try execution(try Self.required(request, "executionArn"))
            case "map-run": value = try mapRun(try Self.required(request, "mapRunArn"))
            case "function": value = try function(try Self.required(request, "name"), request)
            default: return DashboardResponse.error(404, "UnknownOperation", "no page data '\(name)'")
            }
            return DashboardResponse.json(value)
        } catch {
            return DashboardResponse.error(error.status, error.code, error.message)
        }
    }

    /// A store read, its failure an InternalFailure.
    func read<T>(_ body: (SluiceDatabase) throws -> T) throws(AWSError) -> T {
        do {
            return try body(runtime.store.database)
        } catch {
            throw AWSError.internalFailure("cannot read sluice.db: \(error)")
        }
    }

    static func required(_ request: AWSRequest, _ name: String) throws(AWSError) -> String {
        guard let value = request.query(name), !value.isEmpty else {
            throw AWSError.validation("the query parameter '\(name)' is required")
        }
        return value
    }

    /// The state machine's name in an execution or map run ARN (`...:execution:MACHINE:NAME`).
    static func machineName(_ arn: String) -> String {
        let fields = arn.split(separator: ":", omittingEmptySubsequences: false)
        return fields.count > 6 ? String(fields[6]) : ""
    }

    static func iso(_ seconds: Double) -> JSONValue { DocumentDates.iso8601.value(seconds) }

    /// One execution as the lists show it.
    static func listEntry(_ record: ExecutionRecord) -> JSONValue {
        var o = ExecutionDocument(execution: record).listEntry.objectValue ?? JSONObject()
        o["stateMachine"] = .string(machineName(record.executionArn))
        return .object(o)
    }

    /// A failed execution as the overview's list shows it.
    static func failureEntry(_ record: ExecutionRecord) -> JSONValue {
        var o = listEntry(record).objectValue ?? JSONObject()
        o["error"] = record.error.map(JSONValue.string) ?? .null
        o["cause"] = record.cause.map(JSONValue.string) ?? .null
        return .object(o)
    }
}
