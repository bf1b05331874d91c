import SluiceAWS

/// Lambda (restJson1): functions and invocations.
struct LambdaAPI: APIServiceHandler {
    let runtime: DaemonRuntime

    func respond(to call: APICall) async -> AWSResponse {
        AWSProtocol.restJson1.response(
            for: AWSError("NotImplemented", "sluiced does not answer this lambda operation yet", status: 501),
            requestId: call.requestId
        )
    }
}
