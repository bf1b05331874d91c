import Logging
import SluiceAWS
import SluiceJSON

/// What the pages change, done exactly as the AWS API does it (StopExecution, RedriveExecution, UpdateMapRun, with
/// their validation and error names), and written to the journal with who did it.
struct DashboardActions {
    let runtime: DaemonRuntime
    let user: String

    /// Each action, the Step Functions operation it is, and the fields it passes on.
    private static let operations: [String: (name: String, fields: [String])] = [
        "stop-execution": ("StopExecution", ["executionArn", "error", "cause"]),
        "redrive-execution": ("RedriveExecution", ["executionArn"]),
        "update-map-run": (
            "UpdateMapRun", ["mapRunArn", "maxConcurrency", "toleratedFailurePercentage", "toleratedFailureCount"]
        ),
    ]

    func answer(_ action: String, body: [UInt8]) -> AWSResponse {
        guard let operation = Self.operations[action] else {
            return DashboardResponse.error(404, "UnknownOperation", "no action '\(action)'")
        }
        guard case .object(let given)? = try? JSONParser.parse(bytes: body) else {
            return DashboardResponse.error(400, "SerializationException", "the body is not a JSON object")
        }
        var input = JSONObject()
        for field in operation.fields { input[field] = given[field] }
        let api = StepFunctionsAPI(runtime: runtime)
        let request = JSONOperation(name: operation.name, input: .object(input))
        do {
            if operation.name == "UpdateMapRun" {
                _ = try api.updateMapRun(request)
            } else {
                _ = try api.control(request)
            }
        } catch {
            return DashboardResponse.error(error.status, error.code, error.message)
        }
        let subject = (input["executionArn"] ?? input["mapRunArn"])?.stringValue ?? ""
        runtime.logger.notice(
            "dashboard: \(user) did \(operation.name) on \(subject)",
            metadata: ["sluice.dashboard.user": .string(user)]
        )
        return DashboardResponse.json(.object(JSONObject()))
    }
}
