/// The built-in functions of jsonata-js 2.0.6, bound in one shared read-only frame.
enum Library {
    typealias Body = (CallContext, [JV?]) throws(PendingError) -> JV?

    nonisolated(unsafe) static let frame: Frame = {
        let f = Frame(nil, indexed: true)
        for (name, signature, arity, body) in StringFunctions.all + NumericFunctions.all + ArrayFunctions.all
            + ObjectFunctions.all
        {
            f.bind(name, .function(make(name, signature, arity, body)))
        }
        return f
    }()

    static func make(_ name: String, _ signature: String?, _ arity: Int, _ body: @escaping Body) -> JFunction {
        JFunction(
            .native(JFunction.Native(name: name, arity: arity, body: body)),
            signature: signature.map { try! Signature($0) }
        )
    }

    /// Calls a function argument of a higher-order function with as many of (value, index/key, whole) as it
    /// declares (jsonata-js's hofFuncArgs).
    static func callBack(_ ctx: CallContext, _ f: JV, _ a: JV?, _ b: JV?, _ c: JV?) throws(PendingError) -> JV? {
        var args: [JV?] = [a]
        var arity = 1
        if case .function(let fn) = f { arity = fn.arity }
        if arity >= 2 { args.append(b) }
        if arity >= 3 { args.append(c) }
        return try ctx.evaluator.apply(f, args, nil, ctx.frame)
    }
}

extension Array where Element == JV? {
    subscript(arg i: Int) -> JV? { i < count ? self[i] : nil }
}

extension JV {
    /// The items of an array, or the value as a one-item list.
    var items: [JV] {
        if case .array(let a) = self { return a.items }
        return [self]
    }
}
