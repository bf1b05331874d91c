import SluiceAWS
import SluiceJSON
import SluiceWorkers

/// Put/Get/Delete/ListProvisionedConcurrencyConfig(s): a function's ProvisionedConcurrency (persistent workers
/// started ahead and kept warm), set through the API as an overlay over its file. AWS applies it to a version or an
/// alias, never to $LATEST; a sluice function has one version, so any other qualifier names it, and the one given
/// is remembered so that Get and Delete find the config under it.
extension LambdaAPI {
    /// The overlay's note of the qualifier the config was put under (not a field of the function file).
    static let qualifierField = "ProvisionedQualifier"

    func putProvisioned(_ text: String, _ call: APICall) async throws(AWSError) -> JSONValue {
        let definition = try function(text)
        let qualifier = try Self.qualifier(call.request)
        guard let count = try Self.bodyObject(call)["ProvisionedConcurrentExecutions"]?.intValue, count >= 1 else {
            throw AWSError.validation(
                "1 validation error detected: Value at 'provisionedConcurrentExecutions' failed to satisfy constraint: Member must have value greater than or equal to 1"
            )
        }
        guard definition.runtime == .persistent else {
            throw AWSError(
                "InvalidParameterValueException",
                "Function \(definition.name) runs one process per invocation (Runtime process): only persistent workers can be kept warm"
            )
        }
        try await FunctionOverlays(runtime: runtime).update(definition.name) {
            $0["ProvisionedConcurrency"] = .int(count)
            $0[Self.qualifierField] = .string(qualifier)
        }
        return .object(try await provisionedConfig(definition.name, qualifier: qualifier))
    }

    func getProvisioned(_ text: String, _ request: AWSRequest) async throws(AWSError) -> JSONValue {
        let definition = try function(text)
        return .object(try await provisionedConfig(definition.name, qualifier: try Self.qualifier(request)))
    }

    func deleteProvisioned(_ text: String, _ request: AWSRequest) async throws(AWSError) {
        let definition = try function(text)
        _ = try await provisionedConfig(definition.name, qualifier: try Self.qualifier(request))
        try await FunctionOverlays(runtime: runtime).update(definition.name) {
            $0["ProvisionedConcurrency"] = .null
            $0[Self.qualifierField] = nil
        }
    }

    func listProvisioned(_ text: String) async throws(AWSError) -> JSONValue {
        let definition = try function(text)
        var configs: [JSONValue] = []
        if definition.provisionedConcurrency > 0 {
            let qualifier = FunctionOverlays(runtime: runtime).overlay(definition.name)[Self.qualifierField]
            var config = try await provisionedConfig(definition.name, qualifier: qualifier?.stringValue)
            config["FunctionArn"] = .string(arn(definition.name) + (qualifier?.stringValue.map { ":" + $0 } ?? ""))
            configs.append(.object(config))
        }
        return ["ProvisionedConcurrencyConfigs": .array(configs)]
    }

    /// The Qualifier AWS requires; $LATEST cannot have provisioned concurrency on AWS either.
    static func qualifier(_ request: AWSRequest) throws(AWSError) -> String {
        guard let qualifier = request.query("Qualifier"), !qualifier.isEmpty else {
            throw AWSError(
                "InvalidParameterValueException",
                "The Qualifier parameter is required: provisioned concurrency applies to a version or an alias"
            )
        }
        guard qualifier != "$LATEST" else {
            throw AWSError(
                "InvalidParameterValueException",
                "Provisioned Concurrency Configs cannot be applied to unpublished function versions."
            )
        }
        return qualifier
    }

    /// The config in force under `qualifier` (nil: whichever), with the workers kept warm now.
    private func provisionedConfig(_ name: String, qualifier: String?) async throws(AWSError) -> JSONObject {
        let host = runtime.hosts.host
        guard let definition = host.definitions[name] else { throw notFound(name) }
        let recorded = FunctionOverlays(runtime: runtime).overlay(name)[Self.qualifierField]?.stringValue
        // A file's own ProvisionedConcurrency has no qualifier: any finds it.
        guard definition.provisionedConcurrency > 0, recorded == nil || qualifier == nil || recorded == qualifier
        else {
            throw AWSError(
                "ProvisionedConcurrencyConfigNotFoundException",
                "No Provisioned Concurrency Config found for this function",
                status: 404
            )
        }
        let requested = definition.provisionedConcurrency
        let workers = await host.workerCounts(name)
        let warm = min(requested, workers.idle + workers.busy)
        var o = JSONObject()
        o["RequestedProvisionedConcurrentExecutions"] = .int(requested)
        o["AvailableProvisionedConcurrentExecutions"] = .int(warm)
        o["AllocatedProvisionedConcurrentExecutions"] = .int(warm)
        o["Status"] = warm >= requested ? "READY" : "IN_PROGRESS"
        o["LastModified"] = .string(lastModified(definition))
        return o
    }
}
