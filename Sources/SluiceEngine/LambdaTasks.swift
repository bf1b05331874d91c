import Foundation
import SluiceASL
import SluiceInterpreter
import SluiceJSON
import SluiceWorkers

/// Task states that invoke functions, answered the way Step Functions answers them for Lambda:
/// `arn:aws:states:::lambda:invoke` returns Lambda's response envelope; a function ARN or name as the Resource
/// returns the function's result itself. Function errors become Error = errorType, Cause = Lambda's error JSON.
package struct LambdaTasks: Sendable {
    package let host: FunctionHost
    package var region: String
    package var account: String

    package init(host: FunctionHost, region: String = "local", account: String = "000000000000") {
        self.host = host
        self.region = region
        self.account = account
    }

    /// The function a Task resource names directly (`arn:aws:lambda:...:function:NAME[:QUALIFIER]` or a bare name),
    /// nil for anything else.
    package static func directFunction(_ resource: String) -> String? {
        if resource.hasPrefix("arn:aws:lambda:") { return functionName(resource) }
        if resource.hasPrefix("arn:") || resource.isEmpty { return nil }
        return functionName(resource)
    }

    /// Lambda's FunctionName forms: `NAME`, `NAME:QUALIFIER`, `ACCOUNT:function:NAME`, or a full ARN.
    package static func functionName(_ text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if let i = parts.firstIndex(of: "function"), i + 1 < parts.count {
            return parts[i + 1].isEmpty ? nil : parts[i + 1]
        }
        if parts.first == "arn" { return nil }
        return parts.first.flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runs the invocation if it is a Lambda task; nil when the resource is not one.
    package func handle(_ invocation: TaskInvocation) async -> Result<JSONValue, StatesError>? {
        let resource = invocation.resource
        // The callback pattern invokes the function the same way; the runner waits for the token instead.
        if resource == "arn:aws:states:::lambda:invoke" || resource == "arn:aws:states:::lambda:invoke.waitForTaskToken"
        {
            return await invokeIntegration(invocation.input)
        }
        if resource.hasPrefix("arn:aws:states:::lambda:invoke.") {
            return .failure(
                StatesError(
                    StatesError.Name.runtime,
                    cause: "The resource '\(resource)' is not supported by sluice yet"
                )
            )
        }
        guard let name = Self.directFunction(resource) else { return nil }
        return await call(name, payload: invocation.input).map { $0.result }
    }

    /// `arn:aws:states:::lambda:invoke` with Parameters {FunctionName, Payload, InvocationType, ...}.
    private func invokeIntegration(_ parameters: JSONValue) async -> Result<JSONValue, StatesError> {
        guard case .string(let functionName)? = parameters["FunctionName"], let name = Self.functionName(functionName)
        else {
            return .failure(
                StatesError(
                    "Lambda.InvalidParameterValueException",
                    cause: "The FunctionName parameter is required and must name a function"
                )
            )
        }
        let payload = parameters["Payload"] ?? .object(JSONObject())
        if parameters["InvocationType"]?.stringValue == "Event" {
            // Asynchronous invocation: Lambda accepts it and answers 202 at once.
            let host = host
            let requestId = RequestID.random()
            Task.detached { _ = await host.invoke(name, payload: payload, requestId: requestId) }
            return .success(envelope(payload: .string(""), requestId: requestId, status: 202))
        }
        return await call(name, payload: payload).map {
            envelope(payload: $0.result, requestId: $0.requestId, status: 200)
        }
    }

    private func call(_ name: String, payload: JSONValue) async -> Result<
        (result: JSONValue, requestId: String), StatesError
    > {
        let requestId = RequestID.random()
        guard let outcome = await host.invoke(name, payload: payload, requestId: requestId) else {
            let arn = "arn:aws:lambda:\(region):\(account):function:\(name)"
            return .failure(
                StatesError(
                    "Lambda.ResourceNotFoundException",
                    cause:
                        "Function not found: \(arn) (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: \(requestId); Proxy: null)"
                )
            )
        }
        switch outcome {
        case .success(let result): return .success((result, requestId))
        case .failure(let error): return .failure(StatesError(error.errorType, cause: error.cause))
        }
    }

    /// Lambda's Invoke response as the lambda:invoke integration returns it.
    private func envelope(payload: JSONValue, requestId: String, status: Int) -> JSONValue {
        var headers = JSONObject()
        headers["Connection"] = "keep-alive"
        headers["Content-Type"] = "application/json"
        headers["X-Amz-Executed-Version"] = "$LATEST"
        headers["x-amzn-RequestId"] = .string(requestId)
        var http = JSONObject()
        http["AllHttpHeaders"] = .object(JSONObject(headers.entries.map { ($0.key, JSONValue.array([$0.value])) }))
        http["HttpHeaders"] = .object(headers)
        http["HttpStatusCode"] = .int(status)
        var o = JSONObject()
        o["ExecutedVersion"] = "$LATEST"
        o["Payload"] = payload
        o["SdkHttpMetadata"] = .object(http)
        o["SdkResponseMetadata"] = ["RequestId": .string(requestId)]
        o["StatusCode"] = .int(status)
        return .object(o)
    }
}
