import Logging
import SluiceAWS
import SluiceJSON
import SluiceWorkers

/// Invoke: the payload handed to the function host Task states invoke (the same workers, concurrency and errors),
/// answered as Lambda answers: RequestResponse waits for the result, Event is accepted (202) and runs on its own,
/// DryRun only checks that the function exists (204).
extension LambdaAPI {
    /// Lambda's limit on a synchronous invocation's payload.
    static let payloadLimit = 6_291_456

    func invoke(_ text: String, _ call: APICall) async throws(AWSError) -> AWSResponse {
        let name = try functionName(text)
        let type = call.request.header("x-amz-invocation-type") ?? "RequestResponse"
        guard ["RequestResponse", "Event", "DryRun"].contains(type) else {
            throw AWSError("InvalidParameterValueException", "Unsupported invocation type \(type)")
        }
        let bytes = call.body.bytes
        guard bytes.count <= Self.payloadLimit else {
            throw AWSError(
                "RequestTooLargeException",
                "Request must be smaller than \(Self.payloadLimit) bytes for the InvokeFunction operation",
                status: 413
            )
        }
        let payload: JSONValue
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
            payload = .object(JSONObject())  // no payload: the function gets {}, as on Lambda
        } else if let parsed = try? JSONParser.parse(bytes: bytes) {
            payload = parsed
        } else {
            throw AWSError("InvalidRequestContentException", "Could not parse request body into json")
        }
        // The host the invocation runs on stays up until it ends, even if a reload puts another in force.
        let lease = runtime.hosts.acquire()
        guard lease.host.definitions[name] != nil else {
            await runtime.hosts.release(lease)
            throw notFound(name)
        }
        switch type {
        case "DryRun":
            await runtime.hosts.release(lease)
            return AWSResponse(status: 204)
        case "Event":
            invokeInBackground(name, payload: payload, requestId: call.requestId, lease: lease)
            return AWSResponse(status: 202)
        default:
            let outcome = await lease.host.invoke(name, payload: payload, requestId: call.requestId)
            await runtime.hosts.release(lease)
            return try answer(outcome, name)
        }
    }

    /// The answer to a RequestResponse invocation: the result, or the function's error marked as such.
    private func answer(_ outcome: Result<JSONValue, FunctionError>?, _ name: String) throws(AWSError) -> AWSResponse {
        var response: AWSResponse
        switch outcome {
        case nil: throw notFound(name)
        case .success(let result)?:
            response = AWSResponse(status: 200, headers: [("Content-Type", "application/json")])
            response.body = result.serializedBytes()
        case .failure(let error)? where error.isThrottle:
            return throttled(error)
        case .failure(let error)?:
            // The call worked; the function failed: 200, X-Amz-Function-Error, and Lambda's error document.
            response = AWSResponse(status: 200, headers: [("Content-Type", "application/json")])
            response.headers.append(("X-Amz-Function-Error", "Unhandled"))
            response.body = Array(error.cause.utf8)
        }
        response.headers.append(("X-Amz-Executed-Version", "$LATEST"))
        return response
    }

    /// Lambda's 429 for a function whose reserved concurrency is 0, with the reason its SDKs read.
    private func throttled(_ error: FunctionError) -> AWSResponse {
        var response = AWSProtocol.restJson1.response(
            for: AWSError("TooManyRequestsException", error.errorMessage, status: 429),
            requestId: error.requestId
        )
        var body = JSONObject()
        body["Reason"] = "ReservedFunctionConcurrentInvocationLimitExceeded"
        body["Type"] = "User"
        body["message"] = .string(error.errorMessage)
        response.body = JSONValue.object(body).serializedBytes()
        return response
    }

    /// An Event invocation: nobody waits for it, so a failure is told in sluiced's log.
    private func invokeInBackground(
        _ name: String,
        payload: JSONValue,
        requestId: String,
        lease: FunctionHosts.Lease
    ) {
        let runtime = runtime
        Task.detached {
            let outcome = await lease.host.invoke(name, payload: payload, requestId: requestId)
            if case .failure(let error)? = outcome {
                runtime.logger.warning(
                    "function \(name) (Event invocation \(requestId)) failed: \(error.errorType): \(error.errorMessage)",
                    metadata: ["sluice.function": .string(name), "sluice.request.id": .string(requestId)]
                )
            }
            await runtime.hosts.release(lease)
        }
    }
}
