import SluiceAWS
import SluiceJSON

/// An awsJson request read: the operation `X-Amz-Target` names (`AWSStepFunctions.StartExecution`) and the body's
/// JSON object (an empty body is `{}`).
struct JSONOperation {
    let name: String
    let input: JSONValue

    static func parse(_ call: APICall, prefix: String) -> Result<JSONOperation, AWSError> {
        guard let target = call.request.header("x-amz-target"), target.hasPrefix(prefix + ".") else {
            return .failure(
                AWSError("UnknownOperationException", "X-Amz-Target must name a \(prefix) operation")
            )
        }
        let name = String(target.dropFirst(prefix.count + 1))
        let bytes = call.body.bytes
        if bytes.isEmpty { return .success(JSONOperation(name: name, input: .object(JSONObject()))) }
        guard let value = try? JSONParser.parse(bytes: bytes), case .object = value else {
            return .failure(AWSError("SerializationException", "The request body is not a JSON object"))
        }
        return .success(JSONOperation(name: name, input: value))
    }

    /// A string field; `required` fields that are missing or not strings are a ValidationException naming them.
    func string(_ field: String) -> String? { input[field]?.stringValue }

    func required(_ field: String) throws(AWSError) -> String {
        guard let value = input[field]?.stringValue, !value.isEmpty else {
            throw AWSError.validation(
                "1 validation error detected: Value null at '\(field)' failed to satisfy constraint: Member must not be null"
            )
        }
        return value
    }

    func int(_ field: String) -> Int? {
        switch input[field] {
        case .int(let n)?: n
        case .double(let d)? where d.rounded() == d && abs(d) < 1e15: Int(d)
        default: nil
        }
    }

    func bool(_ field: String) -> Bool? {
        if case .bool(let b)? = input[field] { return b }
        return nil
    }

    /// An awsJson answer.
    static func response(_ result: Result<JSONValue, AWSError>, _ wire: AWSProtocol, requestId: String) -> AWSResponse {
        switch result {
        case .success(let value):
            return AWSResponse.json(
                value,
                contentType: wire == .awsJson1_0 ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1"
            )
        case .failure(let error):
            return wire.response(for: error, requestId: requestId)
        }
    }
}

/// One page of a list and the token for the next (an offset; AWS's tokens are opaque too).
struct Page {
    /// A page as awsJson asks for it (`nextToken`, `maxResults`).
    static func of<T>(_ items: [T], _ operation: JSONOperation, defaultSize: Int = 100, maximum: Int = 1000)
        throws(AWSError) -> (items: ArraySlice<T>, nextToken: String?)
    {
        try of(
            items,
            token: operation.string("nextToken"),
            size: operation.int("maxResults"),
            defaultSize: defaultSize,
            maximum: maximum
        )
    }

    /// The page after `token` of at most `size` items (the default when not given or not positive).
    static func of<T>(_ items: [T], token: String?, size: Int?, defaultSize: Int = 100, maximum: Int = 1000)
        throws(AWSError) -> (items: ArraySlice<T>, nextToken: String?)
    {
        var start = 0
        if let token {
            guard let offset = Int(token.dropFirst(2)), token.hasPrefix("o-"), offset >= 0 else {
                throw AWSError("InvalidToken", "Invalid Token: '\(token)'")
            }
            start = min(offset, items.count)
        }
        var size = size ?? 0
        if size <= 0 { size = defaultSize }
        size = min(size, maximum)
        let end = min(items.count, start + size)
        return (items[start..<end], end < items.count ? "o-\(end)" : nil)
    }
}
