import SluiceJSON

/// A function written in Swift, callable from an expression like a built-in.
package struct JSONataNativeFunction: Sendable {
    private let box: Box

    private final class Box: @unchecked Sendable {
        let function: JFunction
        init(_ function: JFunction) { self.function = function }
    }

    /// `signature` in JSONata's syntax (`<s-s?:s>`) validates and coerces the arguments like a built-in's; an
    /// invalid signature is treated as none.
    package init(
        signature: String?,
        _ body: @escaping @Sendable ([JSONValue?]) throws(JSONataError) -> JSONValue?
    ) {
        let parsed = signature.flatMap { try? Signature($0) }
        let count = parsed?.params.count ?? 1
        let native = JFunction.Native(name: "", arity: count) { _, args throws(PendingError) in
            let json = args.map { $0.flatMap(JSONConversion.toJSON) }
            do throws(JSONataError) {
                return try body(json).map(JSONConversion.toJV)
            } catch {
                throw PendingError(
                    error.code,
                    position: error.position,
                    token: error.token,
                    text: error.message,
                    literal: true
                )
            }
        }
        box = Box(JFunction(.native(native), signature: parsed))
    }

    var function: JFunction { box.function }
}
