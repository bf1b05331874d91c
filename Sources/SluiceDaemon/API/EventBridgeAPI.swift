import SluiceAWS
import SluiceCore
import SluiceEngine
import SluiceJSON

/// EventBridge (awsJson1_1, `AWSEvents.*`) on the default event bus: events routed through the rules in force as
/// bucket events are, event patterns tested, and rules with their targets (one file each, in the format of
/// etc/sluice/rules, written to var/lib/sluice/config/rules). A rule /etc/sluice defines is the administrator's:
/// the API reads it and answers ManagedRuleException to any change, as EventBridge does for a managed rule.
struct EventBridgeAPI: APIServiceHandler {
    let runtime: DaemonRuntime

    func respond(to call: APICall) async -> AWSResponse {
        let result: Result<JSONValue, AWSError>
        switch JSONOperation.parse(call, prefix: "AWSEvents") {
        case .failure(let error): result = .failure(error)
        case .success(let operation):
            do throws(AWSError) {
                result = .success(try await answer(operation))
            } catch {
                result = .failure(error)
            }
        }
        return JSONOperation.response(result, .awsJson1_1, requestId: call.requestId)
    }

    private func answer(_ operation: JSONOperation) async throws(AWSError) -> JSONValue {
        switch operation.name {
        case "PutEvents": return try putEvents(operation)
        case "TestEventPattern": return try testEventPattern(operation)
        case "PutRule": return try await putRule(operation)
        case "DescribeRule": return try describeRule(operation)
        case "ListRules": return try listRules(operation)
        case "DeleteRule": return try await deleteRule(operation)
        case "EnableRule": return try await setState(operation, .enabled)
        case "DisableRule": return try await setState(operation, .disabled)
        case "PutTargets": return try await putTargets(operation)
        case "ListTargetsByRule": return try listTargets(operation)
        case "RemoveTargets": return try await removeTargets(operation)
        default:
            throw AWSError("UnknownOperationException", "sluiced does not implement EventBridge's \(operation.name)")
        }
    }

    var region: String { runtime.settings.region }
    var account: String { runtime.settings.account }

    /// sluice has the default event bus only; `EventBusName` may name it or give its ARN.
    func checkEventBus(_ name: String?) throws(AWSError) {
        guard let name, name != "default", name != "arn:aws:events:\(region):\(account):event-bus/default" else {
            return
        }
        throw AWSError("ResourceNotFoundException", "Event bus \(name) does not exist.")
    }
}
