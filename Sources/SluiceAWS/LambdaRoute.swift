/// A Lambda (restJson1) request read from its method and path: the operation, and the FunctionName path parameter
/// (decoded: a name, `NAME:QUALIFIER`, or an ARN). The path's first segment is the API version each operation was
/// introduced with, as AWS's SDKs send it.
package struct LambdaRoute: Sendable, Equatable {
    package enum Operation: String, Sendable {
        case invoke = "Invoke"
        case listFunctions = "ListFunctions"
        case getFunction = "GetFunction"
        case getFunctionConfiguration = "GetFunctionConfiguration"
        case putFunctionConcurrency = "PutFunctionConcurrency"
        case getFunctionConcurrency = "GetFunctionConcurrency"
        case deleteFunctionConcurrency = "DeleteFunctionConcurrency"
        case putProvisionedConcurrencyConfig = "PutProvisionedConcurrencyConfig"
        case getProvisionedConcurrencyConfig = "GetProvisionedConcurrencyConfig"
        case deleteProvisionedConcurrencyConfig = "DeleteProvisionedConcurrencyConfig"
        case listProvisionedConcurrencyConfigs = "ListProvisionedConcurrencyConfigs"
    }

    package var operation: Operation
    /// Nil for ListFunctions, which names none.
    package var functionName: String?

    package init(_ operation: Operation, functionName: String? = nil) {
        self.operation = operation
        self.functionName = functionName
    }

    /// The operation `request` asks for; nil when its method and path name none sluiced answers.
    package static func parse(_ request: AWSRequest) -> LambdaRoute? {
        let segments = request.pathSegments
        guard segments.count >= 2, segments[1] == "functions" else { return nil }
        let rest = segments.dropFirst(2)
        guard rest.count <= 2 else { return nil }
        let name = rest.first
        let resource = rest.count == 2 ? rest.last : nil
        let operation: Operation
        switch (segments[0], request.method, resource) {
        case ("2015-03-31", "GET", nil): operation = name == nil ? .listFunctions : .getFunction
        case ("2015-03-31", "GET", "configuration"?): operation = .getFunctionConfiguration
        case ("2015-03-31", "POST", "invocations"?): operation = .invoke
        case ("2017-10-31", "PUT", "concurrency"?): operation = .putFunctionConcurrency
        case ("2017-10-31", "DELETE", "concurrency"?): operation = .deleteFunctionConcurrency
        case ("2019-09-30", "GET", "concurrency"?): operation = .getFunctionConcurrency
        case ("2019-09-30", "PUT", "provisioned-concurrency"?): operation = .putProvisionedConcurrencyConfig
        case ("2019-09-30", "DELETE", "provisioned-concurrency"?): operation = .deleteProvisionedConcurrencyConfig
        case ("2019-09-30", "GET", "provisioned-concurrency"?):
            operation =
                request.query("List") == "ALL" ? .listProvisionedConcurrencyConfigs : .getProvisionedConcurrencyConfig
        default: return nil
        }
        guard operation == .listFunctions || name != nil else { return nil }
        return LambdaRoute(operation, functionName: name)
    }
}
