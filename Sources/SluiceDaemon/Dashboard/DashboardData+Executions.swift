import SluiceAWS
import SluiceEngine
import SluiceInterpreter
import SluiceJSON
import SluiceStore
import SluiceVocabulary

/// `executions`: a page of executions, newest first, by status and state machine.
extension DashboardData {
    static let executionsPage = 50

    func executions(_ request: AWSRequest) throws(AWSError) -> JSONValue {
        var status: ExecutionStatus?
        if let text = request.query("status"), !text.isEmpty {
            guard let known = ExecutionStatus(rawValue: text) else {
                throw AWSError.validation(
                    "status must be one of RUNNING, SUCCEEDED, FAILED, TIMED_OUT, ABORTED, PENDING_REDRIVE"
                )
            }
            status = known
        }
        let machine = request.query("stateMachine").flatMap { $0.isEmpty ? nil : $0 }
        let machineArn = machine.map(StepFunctionsAPI(runtime: runtime).stateMachineArn)
        let offset = request.query("nextToken").flatMap(Int.init) ?? 0
        let records = try read {
            try $0.latestExecutions(
                status: status,
                stateMachineArn: machineArn,
                limit: Self.executionsPage + 1,
                offset: offset
            )
        }
        var o = JSONObject()
        o["executions"] = .array(records.prefix(Self.executionsPage).map(Self.listEntry))
        if records.count > Self.executionsPage { o["nextToken"] = .string(String(offset + Self.executionsPage)) }
        return .object(o)
    }
}
