import SluiceAWS

/// S3 (restXml): buckets and objects.
struct S3API: APIServiceHandler {
    let runtime: DaemonRuntime

    func respond(to call: APICall) async -> AWSResponse {
        AWSProtocol.restXml.response(
            for: AWSError("NotImplemented", "sluiced does not answer this s3 operation yet", status: 501),
            requestId: call.requestId
        )
    }
}
