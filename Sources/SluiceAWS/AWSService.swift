/// A service sluiced answers, known by the name its requests are signed for (the credential scope's fourth part),
/// as LocalStack routes: the signature names the service before anything else is read.
package enum AWSService: String, Sendable, CaseIterable {
    case states
    case events
    case sns
    case s3
    case lambda

    package var wireProtocol: AWSProtocol {
        switch self {
        case .states: .awsJson1_0
        case .events: .awsJson1_1
        case .sns: .awsQuery
        case .s3: .restXml
        case .lambda: .restJson1
        }
    }

    /// The service a request is for when its signature cannot say (unsigned or malformed), so that the error has
    /// the shape its client parses: the X-Amz-Target prefix, an awsQuery form, a Lambda path, else S3.
    package static func guess(_ request: AWSRequest) -> AWSService {
        if let target = request.header("x-amz-target") {
            return target.hasPrefix("AWSEvents.") ? .events : .states
        }
        if request.rawPath.hasPrefix("/2015-03-31/") || request.rawPath.hasPrefix("/2017-10-31/")
            || request.rawPath.hasPrefix("/2019-09-30/")
        {
            return .lambda
        }
        if request.method == "POST", request.rawPath == "/",
            request.header("content-type")?.hasPrefix("application/x-www-form-urlencoded") == true
        {
            return .sns
        }
        return .s3
    }
}
