import SluiceJSON

// TEMPORARY stub of the JSONata module's API (replaced by the real module at merge).
package struct JSONataExpression: Sendable {
    package let text: String
    package init(_ text: String) throws(JSONataError) { self.text = text }
    package func evaluate(
        input: JSONValue?,
        bindings: [String: JSONataBinding] = [:],
        environment: JSONataEnvironment = JSONataEnvironment()
    ) throws(JSONataError) -> JSONValue? {
        throw JSONataError(code: "X0000", message: "stub", position: nil, token: nil)
    }
}
package struct JSONataError: Error, Sendable, Equatable {
    package var code: String
    package var message: String
    package var position: Int?
    package var token: String?
    package init(code: String, message: String, position: Int? = nil, token: String? = nil) {
        self.code = code
        self.message = message
        self.position = position
        self.token = token
    }
}
package enum JSONataBinding: Sendable {
    case value(JSONValue)
    case function(JSONataNativeFunction)
}
package struct JSONataNativeFunction: Sendable {
    package init(signature: String?, _ body: @escaping @Sendable ([JSONValue?]) throws(JSONataError) -> JSONValue?) {}
}
package struct JSONataEnvironment: Sendable {
    package var now: Double = 0
    package var randomSource: (@Sendable () -> Double)? = nil
    package var maxDepth: Int = 500
    package var maxSteps: Int = 10_000_000
    package init() {}
}
