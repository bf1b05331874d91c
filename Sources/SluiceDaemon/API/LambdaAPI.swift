import SluiceAWS
import SluiceEngine
import SluiceJSON
import SluiceWorkers

/// Lambda (restJson1) over sluiced's functions (etc/sluice/functions): Invoke through the same host Task states
/// invoke, the functions listed and described in Lambda's shapes, and their concurrency set through the API as an
/// overlay over the files (FunctionOverlays).
struct LambdaAPI: APIServiceHandler {
    let runtime: DaemonRuntime

    func respond(to call: APICall) async -> AWSResponse {
        do throws(AWSError) {
            guard let route = LambdaRoute.parse(call.request) else {
                throw AWSError(
                    "UnknownOperationException",
                    "sluiced does not answer Lambda's \(call.request.method) \(call.request.rawPath)",
                    status: 404
                )
            }
            return try await answer(route, call)
        } catch {
            return AWSProtocol.restJson1.response(for: error, requestId: call.requestId)
        }
    }

    private func answer(_ route: LambdaRoute, _ call: APICall) async throws(AWSError) -> AWSResponse {
        let name = route.functionName ?? ""
        switch route.operation {
        case .invoke: return try await invoke(name, call)
        case .listFunctions: return Self.json(try listFunctions(call.request))
        case .getFunction: return Self.json(try getFunction(name))
        case .getFunctionConfiguration: return Self.json(configuration(try function(name)))
        case .putFunctionConcurrency: return Self.json(try await putConcurrency(name, call))
        case .getFunctionConcurrency: return Self.json(try getConcurrency(name))
        case .deleteFunctionConcurrency:
            try await deleteConcurrency(name)
            return AWSResponse(status: 204)
        case .putProvisionedConcurrencyConfig:
            return Self.json(try await putProvisioned(name, call), status: 202)
        case .getProvisionedConcurrencyConfig: return Self.json(try await getProvisioned(name, call.request))
        case .deleteProvisionedConcurrencyConfig:
            try await deleteProvisioned(name, call.request)
            return AWSResponse(status: 204)
        case .listProvisionedConcurrencyConfigs: return Self.json(try await listProvisioned(name))
        }
    }

    static func json(_ value: JSONValue, status: Int = 200) -> AWSResponse {
        AWSResponse.json(value, contentType: "application/json", status: status)
    }

    var region: String { runtime.settings.region }
    var account: String { runtime.settings.account }

    func arn(_ name: String) -> String { "arn:aws:lambda:\(region):\(account):function:\(name)" }

    /// The name a FunctionName gives (a name, `NAME:QUALIFIER`, a partial or full ARN), as Task states read it.
    func functionName(_ text: String) throws(AWSError) -> String {
        guard let name = LambdaTasks.functionName(text) else {
            throw AWSError.validation(
                "1 validation error detected: Value '\(text)' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern"
            )
        }
        return name
    }

    /// The function in force that `text` names; Lambda's 404 when there is none.
    func function(_ text: String) throws(AWSError) -> FunctionDefinition {
        let name = try functionName(text)
        guard let definition = runtime.hosts.host.definitions[name] else { throw notFound(name) }
        return definition
    }

    func notFound(_ name: String) -> AWSError {
        AWSError("ResourceNotFoundException", "Function not found: \(arn(name))", status: 404)
    }

    /// A restJson body's object (an empty body is `{}`).
    static func bodyObject(_ call: APICall) throws(AWSError) -> JSONValue {
        let bytes = call.body.bytes
        if bytes.isEmpty { return .object(JSONObject()) }
        guard let value = try? JSONParser.parse(bytes: bytes), case .object = value else {
            throw AWSError("InvalidRequestContentException", "Could not parse request body into json")
        }
        return value
    }
}
