import SluiceJSON

/// A compiled JSONata expression (jsonata-js 2.0.6 semantics): parse once, evaluate many times, from any thread.
package struct JSONataExpression: Sendable {
    private let program: Program

    /// The parsed tree; never changed after parsing, so sharing it between threads is safe.
    private final class Program: @unchecked Sendable {
        let root: Node
        init(_ root: Node) { self.root = root }
    }

    package init(_ text: String) throws(JSONataError) {
        do throws(PendingError) {
            program = Program(try Parser.parse(text))
        } catch {
            throw error.resolved
        }
    }

    package func evaluate(
        input: JSONValue?,
        bindings: [String: JSONataBinding] = [:],
        environment: JSONataEnvironment = JSONataEnvironment()
    ) throws(JSONataError) -> JSONValue? {
        try evaluate(input: input, boundInOrder: bindings, environment: environment)
    }

    /// Bindings as any sequence of name and value (a later one of a name replaces an earlier): callers that
    /// evaluate often pass an array, which costs no hashing.
    package func evaluate<Bindings: Sequence>(
        input: JSONValue?,
        boundInOrder bindings: Bindings,
        environment: JSONataEnvironment = JSONataEnvironment()
    ) throws(JSONataError) -> JSONValue? where Bindings.Element == (key: String, value: JSONataBinding) {
        let frame = Frame(Library.frame)
        for (name, binding) in bindings { Self.bind(name, binding, in: frame) }
        return try evaluate(input: input, frame: frame, environment: environment)
    }

    /// The same for an array of bindings: not generic, so a caller in another module (the interpreter, once
    /// per field) runs code compiled for the array rather than the generic walk through witness tables.
    package func evaluate(
        input: JSONValue?,
        boundInOrder bindings: [(key: String, value: JSONataBinding)],
        environment: JSONataEnvironment = JSONataEnvironment()
    ) throws(JSONataError) -> JSONValue? {
        let frame = Frame(Library.frame)
        for (name, binding) in bindings { Self.bind(name, binding, in: frame) }
        return try evaluate(input: input, frame: frame, environment: environment)
    }

    private static func bind(_ name: String, _ binding: JSONataBinding, in frame: Frame) {
        switch binding {
        case .value(let v): frame.bind(name, JSONConversion.toJV(v))
        case .function(let f): frame.bind(name, .function(f.function))
        }
    }

    private func evaluate(input: JSONValue?, frame: Frame, environment: JSONataEnvironment) throws(JSONataError)
        -> JSONValue?
    {
        let result = try evaluateInternal(input: input.map(JSONConversion.toJV), frame: frame, environment: environment)
        return result.flatMap(JSONConversion.toJSON)
    }

    /// Evaluation on internal values (the CLI's batch mode binds JSON values this way too).
    func evaluateInternal(input: JV?, frame: Frame, environment: JSONataEnvironment) throws(JSONataError) -> JV? {
        var value = input
        // jsonata-js wraps a top-level array input so that `$` and paths see it as one value.
        if case .array(let a)? = input {
            let wrapped = JArray.seq(.array(a))
            wrapped.outerWrapper = true
            value = .array(wrapped)
        }
        frame.bind("$", input)
        let evaluator = Evaluator(environment: environment)
        defer { evaluator.releaseFrames() }
        do throws(PendingError) {
            return try evaluator.eval(program.root, value, frame)
        } catch {
            throw error.resolved
        }
    }
}
