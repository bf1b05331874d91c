import SluiceJSON

/// A stretch of a file a response sends as its body.
package struct BodyFile: Sendable, Equatable {
    package var path: String
    package var offset: Int64
    package var count: Int64

    package init(path: String, offset: Int64, count: Int64) {
        self.path = path
        self.offset = offset
        self.count = count
    }
}

/// One HTTP response: status, headers and body, in the shape the operation's protocol gives it.
package struct AWSResponse: Sendable {
    package var status: Int
    package var headers: [(name: String, value: String)]
    package var body: [UInt8]
    /// A body read from a file instead (an object): its path, first byte and length. The server streams it.
    package var bodyFile: BodyFile?

    package init(status: Int = 200, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// An awsJson or restJson response: `value` as compact JSON.
    package static func json(_ value: JSONValue, contentType: String, status: Int = 200) -> AWSResponse {
        AWSResponse(
            status: status,
            headers: [("Content-Type", contentType)],
            body: Array(value.serialized().utf8)
        )
    }

    /// An XML response (awsQuery, restXml) with its declaration.
    package static func xml(_ text: String, status: Int = 200) -> AWSResponse {
        AWSResponse(
            status: status,
            headers: [("Content-Type", "text/xml")],
            body: Array(("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + text).utf8)
        )
    }

    /// The value of header `name` (any case).
    package func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }
}
