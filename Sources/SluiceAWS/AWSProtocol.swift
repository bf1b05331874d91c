import SluiceJSON

/// The five wire protocols of the services sluiced answers, each with the error shape its SDKs parse.
package enum AWSProtocol: Sendable {
    /// Step Functions: `POST /`, `X-Amz-Target`, `application/x-amz-json-1.0`.
    case awsJson1_0
    /// EventBridge: the same with `application/x-amz-json-1.1`.
    case awsJson1_1
    /// SNS: form bodies, XML answers.
    case awsQuery
    /// S3: REST paths, XML bodies.
    case restXml
    /// Lambda: REST paths, JSON bodies.
    case restJson1

    /// The response that carries `error` as this protocol's clients expect it.
    package func response(for error: AWSError, requestId: String) -> AWSResponse {
        switch self {
        case .awsJson1_0, .awsJson1_1:
            var response = AWSResponse.json(
                ["__type": .string(error.code), "message": .string(error.message)],
                contentType: self == .awsJson1_0 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1",
                status: error.status
            )
            response.headers.append(("x-amzn-RequestId", requestId))
            return response
        case .restJson1:
            var response = AWSResponse.json(
                ["Type": .string(error.isSender ? "User" : "Service"), "message": .string(error.message)],
                contentType: "application/json",
                status: error.status
            )
            response.headers += [("X-Amzn-ErrorType", error.code), ("x-amzn-RequestId", requestId)]
            return response
        case .awsQuery:
            let body = XMLText.element(
                "ErrorResponse",
                children: XMLText.element(
                    "Error",
                    children: XMLText.element("Type", error.isSender ? "Sender" : "Receiver")
                        + XMLText.element("Code", error.code) + XMLText.element("Message", error.message)
                ) + XMLText.element("RequestId", requestId)
            )
            var response = AWSResponse.xml(body, status: error.status)
            response.headers.append(("x-amzn-RequestId", requestId))
            return response
        case .restXml:
            let body = XMLText.element(
                "Error",
                children: XMLText.element("Code", error.code) + XMLText.element("Message", error.message)
                    + XMLText.element("RequestId", requestId)
            )
            var response = AWSResponse.xml(body, status: error.status)
            response.headers.append(("x-amz-request-id", requestId))
            return response
        }
    }
}
