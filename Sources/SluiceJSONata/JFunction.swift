/// A function value: a lambda with its closure, a built-in, a partial application, a regular expression
/// (which jsonata-js also treats as a function of a string), or a transform.
final class JFunction {
    enum Kind {
        case lambda(Lambda)
        case native(Native)
        case partial(JFunction, [JV?], [Int])
        case regex(JSRegex)
        case matchNext(MatchCursor)
        case transform(Node, Frame)
    }

    struct Lambda {
        var input: JV?
        var frame: Frame
        var params: [String]
        var body: Node
        var thunk: Bool
    }

    struct Native {
        var name: String
        var arity: Int
        var body: (CallContext, [JV?]) throws(PendingError) -> JV?
    }

    let kind: Kind
    let signature: Signature?
    // jsonata-js writes the name a function is called by onto the function object, for error messages; here
    // the name travels with the call instead, so functions (the built-ins are shared by every evaluation, on
    // any thread) are never written to.

    init(_ kind: Kind, signature: Signature? = nil) {
        self.kind = kind
        self.signature = signature
    }

    /// How many arguments the function declares (jsonata-js's getFunctionArity, used by the higher-order
    /// functions to decide how many arguments to pass).
    var arity: Int {
        switch kind {
        case .lambda(let l): return l.params.count
        case .native(let n): return n.arity
        case .partial(_, _, let holes): return holes.count
        case .regex: return 1
        case .matchNext: return 0
        case .transform: return 1
        }
    }

    var isLambda: Bool {
        switch kind {
        case .lambda, .partial: true
        default: false
        }
    }
}
