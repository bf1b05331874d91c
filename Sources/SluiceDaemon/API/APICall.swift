import SluiceAWS

/// One authenticated request, as a service answers it.
struct APICall: Sendable {
    var request: AWSRequest
    var body: APIBody
    var signed: SignedRequest
    /// `x-amzn-RequestId` of the answer.
    var requestId: String
}

/// A service's operations.
protocol APIServiceHandler: Sendable {
    func respond(to call: APICall) async -> AWSResponse
}
