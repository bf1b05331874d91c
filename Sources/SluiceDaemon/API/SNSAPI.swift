import SluiceAWS

/// SNS (awsQuery): topics, publishing, subscriptions.
struct SNSAPI: APIServiceHandler {
    let runtime: DaemonRuntime

    func respond(to call: APICall) async -> AWSResponse {
        AWSProtocol.awsQuery.response(
            for: AWSError("NotImplemented", "sluiced does not answer this sns operation yet", status: 501),
            requestId: call.requestId
        )
    }
}
