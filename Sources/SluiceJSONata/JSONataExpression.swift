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
        let frame = Frame(Library.frame)
        for (name, binding) in bindings {
            switch binding {
            case .value(let v): frame.bind(name, JSONConversion.toJV(v))
            case .function(let f): frame.bind(name, .function(f.function))
            }
        }
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
        do throws(PendingError) {
            return try evaluator.eval(program.root, value, frame)
        } catch {
            throw error.resolved
        }
    }
}

/// A value or a function bound to a variable before evaluation (`"states"` binds `$states`).
package enum JSONataBinding: Sendable {
    case value(JSONValue)
    case function(JSONataNativeFunction)
}

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

/// What an evaluation may depend on besides its input: the clock, the random source, and the limits.
package struct JSONataEnvironment: Sendable {
    /// `$now()` / `$millis()`: milliseconds since the epoch, fixed for one evaluation.
    package var now: Double = 0
    /// `$random()` and `$shuffle()`; nil uses the system's generator.
    package var randomSource: (@Sendable () -> Double)? = nil
    /// Nesting of evaluation steps (jsonata-js's own suite runs its deepest case, a non-tail-recursive
    /// factorial of 99, under 302).
    package var maxDepth: Int = 1000
    /// Stack the evaluation may use below its start, in bytes: keeps it inside a 512 KB thread stack. Raise it
    /// on a thread known to have more (the CLI runs on the main thread's 8 MB).
    package var maxStackBytes: Int = 300 * 1024
    /// Total evaluation steps before the evaluation is stopped (U1001).
    package var maxSteps: Int = 10_000_000

    package init(
        now: Double = 0,
        randomSource: (@Sendable () -> Double)? = nil,
        maxDepth: Int = 1000,
        maxSteps: Int = 10_000_000,
        maxStackBytes: Int = 300 * 1024
    ) {
        self.maxStackBytes = maxStackBytes
        self.now = now
        self.randomSource = randomSource
        self.maxDepth = maxDepth
        self.maxSteps = maxSteps
    }
}
