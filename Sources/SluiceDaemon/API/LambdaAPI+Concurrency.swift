import SluiceAWS
import SluiceEngine
import SluiceJSON
import SluiceWorkers

/// Put/Get/DeleteFunctionConcurrency: a function's ReservedConcurrency, set through the API on the function files
/// as an overlay (FunctionOverlays) that the function host applies at once. 0 turns every invocation away
/// (TooManyRequestsException), as on Lambda.
extension LambdaAPI {
    func putConcurrency(_ text: String, _ call: APICall) async throws(AWSError) -> JSONValue {
        let definition = try function(text)
        guard let reserved = try Self.bodyObject(call)["ReservedConcurrentExecutions"]?.intValue else {
            throw AWSError.validation(
                "1 validation error detected: Value null at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must not be null"
            )
        }
        guard reserved >= 0 else {
            throw AWSError.validation(
                "1 validation error detected: Value '\(reserved)' at 'reservedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 0"
            )
        }
        // Lambda keeps part of the account's concurrency unreserved; sluice keeps one of its MaxWorkers.
        let others = runtime.hosts.host.definitions.values.filter { $0.name != definition.name }
            .compactMap(\.reservedConcurrency).reduce(0, +)
        guard others + reserved <= runtime.settings.maxWorkers - 1 else {
            throw AWSError(
                "InvalidParameterValueException",
                "Specified ReservedConcurrentExecutions for function decreases account's UnreservedConcurrentExecution below its minimum value of [1]."
            )
        }
        try await FunctionOverlays(runtime: runtime).update(definition.name) {
            $0["ReservedConcurrency"] = .int(reserved)
        }
        return ["ReservedConcurrentExecutions": .int(reserved)]
    }

    func getConcurrency(_ text: String) throws(AWSError) -> JSONValue {
        guard let reserved = try function(text).reservedConcurrency else { return .object(JSONObject()) }
        return ["ReservedConcurrentExecutions": .int(reserved)]
    }

    /// Takes the reservation away, the file's too: the function shares the unreserved workers again.
    func deleteConcurrency(_ text: String) async throws(AWSError) {
        let definition = try function(text)
        try await FunctionOverlays(runtime: runtime).update(definition.name) { $0["ReservedConcurrency"] = .null }
    }
}
