import SluiceJSON

/// Where a map run's results go (ResultWriter's Parameters evaluated: Bucket, Prefix).
package struct ResultWriterRequest: Sendable, Hashable {
    package var token: Int
    package var mapRunArn: String
    package var resource: String
    package var parameters: JSONValue
    package var writerConfig: JSONObject
    /// How many times the map run has been redriven: a redriven run keeps the SUCCEEDED files written before.
    package var redriveCount: Int

    package init(
        token: Int,
        mapRunArn: String,
        resource: String,
        parameters: JSONValue,
        writerConfig: JSONObject,
        redriveCount: Int = 0
    ) {
        self.token = token
        self.mapRunArn = mapRunArn
        self.resource = resource
        self.parameters = parameters
        self.writerConfig = writerConfig
        self.redriveCount = redriveCount
    }
}
