import SluiceAWS

/// EventBridge (awsJson1_1): events and rules.
struct EventBridgeAPI: APIServiceHandler {
    let runtime: DaemonRuntime

    func respond(to call: APICall) async -> AWSResponse {
        AWSProtocol.awsJson1_1.response(
            for: AWSError("NotImplemented", "sluiced does not answer this events operation yet", status: 501),
            requestId: call.requestId
        )
    }
}
