import SluiceAWS
import SluiceInterpreter
import SluiceJSON
import SluiceStore

/// Map runs: listed and described from sluice.db, updated in the execution running them.
extension StepFunctionsAPI {
    func listMapRuns(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let arn = try operation.required("executionArn")
        _ = try execution(arn)
        let runs = try read { try $0.mapRuns(executionArn: arn) }
        let page = try Page.of(runs, operation)
        var o = JSONObject()
        o["mapRuns"] = .array(page.items.map { MapRunDocument(run: $0, dates: .epochSeconds).listEntry })
        if let token = page.nextToken { o["nextToken"] = .string(token) }
        return .object(o)
    }

    func describeMapRun(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        MapRunDocument(run: try mapRun(try operation.required("mapRunArn")), dates: .epochSeconds).description
    }

    func updateMapRun(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let run = try mapRun(try operation.required("mapRunArn"))
        let maxConcurrency = operation.int("maxConcurrency")
        let count = operation.int("toleratedFailureCount")
        let percentage = operation.input["toleratedFailurePercentage"]?.doubleValue
        guard maxConcurrency != nil || count != nil || percentage != nil else {
            throw AWSError.validation(
                "At least one of the parameters maxConcurrency, toleratedFailurePercentage or toleratedFailureCount must be specified"
            )
        }
        if let maxConcurrency, maxConcurrency < 0 { throw AWSError.validation("maxConcurrency must be at least 0") }
        if let count, count < 0 { throw AWSError.validation("toleratedFailureCount must be at least 0") }
        if let percentage, !(0...100).contains(percentage) {
            throw AWSError.validation("toleratedFailurePercentage must be between 0 and 100")
        }
        let sent = runtime.controls.send(
            .mapRunUpdated(
                mapRunArn: run.mapRunArn,
                maxConcurrency: maxConcurrency,
                toleratedFailureCount: count,
                toleratedFailurePercentage: percentage
            ),
            to: run.executionArn
        )
        guard sent else { throw AWSError.validation("Map Run is not running: '\(run.mapRunArn)'") }
        return .object(JSONObject())
    }

    private func mapRun(_ arn: String) throws(AWSError) -> MapRunRecord {
        guard let run = try read({ try $0.mapRun(arn) }) else {
            throw AWSError("ResourceNotFound", "Resource not found: '\(arn)'")
        }
        return run
    }
}
