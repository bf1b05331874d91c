import Foundation
import SluiceAWS
import SluiceEngine
import SluiceJSON
import SluiceLinux
import SluicePatterns
import SluiceStore
import SluiceVocabulary

/// PutEvents and TestEventPattern. A put event takes the path a bucket's event takes (`Handoffs.plan`: the rules
/// in force, their targets' inputs, hand-offs named after the event), recorded in the store before the answer, so
/// the executions and messages it starts survive a restart.
extension EventBridgeAPI {
    func putEvents(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        guard case .array(let entries)? = operation.input["Entries"], !entries.isEmpty else {
            throw AWSError.validation(
                "1 validation error detected: Value null at 'entries' failed to satisfy constraint: Member must not be null"
            )
        }
        guard entries.count <= 10 else {
            throw AWSError.validation(
                "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to 10"
            )
        }
        var results: [JSONValue] = []
        var failed = 0
        for entry in entries {
            switch put(entry) {
            case .success(let id): results.append(["EventId": .string(id)])
            case .failure(let error):
                failed += 1
                results.append(["ErrorCode": .string(error.code), "ErrorMessage": .string(error.message)])
            }
        }
        return ["FailedEntryCount": .int(failed), "Entries": .array(results)]
    }

    /// One entry: the event made, routed and recorded; its id, or the entry's error.
    private func put(_ entry: JSONValue) -> Result<String, AWSError> {
        let event: JSONValue
        switch makeEvent(entry) {
        case .success(let made): event = made
        case .failure(let error): return .failure(error)
        }
        let id = event["id"]?.stringValue ?? ""
        let source = event["source"]?.stringValue ?? ""
        let handoffs = runtime.handoffs.plan(event, key: nil, about: "event \(id) from \(source)")
        guard !handoffs.isEmpty else { return .success(id) }
        do {
            runtime.handoffs.dispatch(try runtime.store.database.handOff(handoffs))
        } catch {
            return .failure(AWSError("InternalFailure", "The event could not be recorded: \(error)"))
        }
        return .success(id)
    }

    /// EventBridge's event for a PutEvents entry; the entry's error when a field is missing or Detail is not a JSON
    /// object.
    private func makeEvent(_ entry: JSONValue) -> Result<JSONValue, AWSError> {
        func missing(_ field: String) -> AWSError {
            AWSError("InvalidArgument", "Parameter \(field) is not valid. Reason: \(field) is a required argument.")
        }
        guard case .string(let source)? = entry["Source"], !source.isEmpty else { return .failure(missing("Source")) }
        guard case .string(let detailType)? = entry["DetailType"], !detailType.isEmpty else {
            return .failure(missing("DetailType"))
        }
        guard case .string(let detailText)? = entry["Detail"] else { return .failure(missing("Detail")) }
        guard case .object(let detail)? = try? JSONParser.parse(detailText) else {
            return .failure(AWSError("MalformedDetail", "Detail is malformed."))
        }
        do throws(AWSError) {
            try checkEventBus(entry["EventBusName"]?.stringValue)
        } catch {
            return .failure(AWSError("InvalidArgument", error.message))
        }
        var resources: [JSONValue] = []
        if case .array(let given)? = entry["Resources"] { resources = given.filter { $0.stringValue != nil } }
        let seconds: Int64
        switch entry["Time"] {
        case .int(let n)?: seconds = Int64(n)
        case .double(let d)?: seconds = Int64(d.rounded(.down))
        default: seconds = runtime.clock.now().epochMilliseconds / 1000
        }
        let event: JSONValue = [
            "version": "0", "id": .string(UUID().uuidString.lowercased()), "detail-type": .string(detailType),
            "source": .string(source), "account": .string(account), "time": .string(UTCTime.iso8601(seconds: seconds)),
            "region": .string(region), "resources": .array(resources), "detail": .object(detail),
        ]
        return .success(event)
    }

    func testEventPattern(_ operation: JSONOperation) throws(AWSError) -> JSONValue {
        let patternText = try operation.required("EventPattern")
        let eventText = try operation.required("Event")
        do throws(PatternError) {
            // EventBridge looks at the event before the pattern (`sluice test-event-pattern` does the same).
            let event = try EventValidation.event(text: eventText)
            let pattern = try EventPattern(text: patternText)
            return ["Result": .bool(pattern.matches(event))]
        } catch {
            throw AWSError(error.code, error.message)
        }
    }
}
