/// $keys, $lookup, $merge, $each, $type, $error, $eval, the date functions and the other object functions.
enum ObjectFunctions {
    static func keys(_ v: JV?) -> JArray {
        let result = JArray.seq()
        switch v {
        case .array(let a)?:
            var seen = Set<String>()
            for item in a.items {
                for case .string(let k) in keys(item).items where seen.insert(k).inserted {
                    result.items.append(.string(k))
                }
            }
        case .object(let o)?:
            result.items = o.keys.map { .string($0) }
        default: break
        }
        return result
    }

    static func spread(_ v: JV) -> JV {
        switch v {
        case .array(let a):
            var result: JV = .array(JArray.seq())
            for item in a.items { result = .array(Builtins.appendArrays(result, spread(item))) }
            return result
        case .object(let o):
            let result = JArray.seq()
            for (k, x) in o.pairs {
                let single = JObject()
                single[k] = x
                result.items.append(.object(single))
            }
            return .array(result)
        default:
            return v
        }
    }

    nonisolated(unsafe) static let all: [(String, String?, Int, Library.Body)] = [
        ("keys", "<x-:a<s>>", 1, { _, a in .array(keys(a[arg: 0])) }),
        ("lookup", "<x-s:x>", 2, { _, a in Builtins.lookup(a[arg: 0], a[arg: 1]?.string ?? "") }),
        ("spread", "<x-:a<o>>", 1, { _, a in a[arg: 0].map(spread) }),
        (
            "merge", "<a<o>:o>", 1,
            { _, a in
                guard let v = a[arg: 0] else { return nil }
                let result = JObject()
                for case .object(let o) in v.items {
                    for (k, x) in o.pairs { result[k] = x }
                }
                return .object(result)
            }
        ),
        (
            "sift", "<o-f?:o>", 2,
            { ctx, a throws(PendingError) in
                guard case .object(let o)? = a[arg: 0], let f = a[arg: 1] else { return nil }
                let result = JObject()
                for (k, x) in o.pairs {
                    let r = try Library.callBack(ctx, f, x, .string(k), .object(o))
                    if Builtins.boolean(r) == true { result[k] = x }
                }
                return result.count == 0 ? nil : .object(result)
            }
        ),
        (
            "each", "<o-f:a>", 2,
            { ctx, a throws(PendingError) in
                guard case .object(let o)? = a[arg: 0], let f = a[arg: 1] else { return nil }
                let result = JArray.seq()
                for (k, x) in o.pairs {
                    if let r = try Library.callBack(ctx, f, x, .string(k), .object(o)) { result.items.append(r) }
                }
                return .array(result)
            }
        ),
        (
            "type", "<x:s>", 1,
            { _, a in
                guard let v = a[arg: 0] else { return nil }
                switch v {
                case .null: return .string("null")
                case .number: return .string("number")
                case .string: return .string("string")
                case .bool: return .string("boolean")
                case .array: return .string("array")
                case .function: return .string("function")
                case .object: return .string("object")
                }
            }
        ),
        (
            "error", "<s?:x>", 1,
            { _, a throws(PendingError) in
                throw PendingError("D3137", text: a[arg: 0]?.string ?? "$error() function evaluated")
            }
        ),
        (
            "assert", "<bs?:x>", 2,
            { _, a throws(PendingError) in
                if Builtins.boolean(a[arg: 0]) != true {
                    throw PendingError("D3141", text: a[arg: 1]?.string ?? "$assert() statement failed")
                }
                return nil
            }
        ),
        ("clone", "<(oa)-:o>", 1, { _, a in a[arg: 0].map(Builtins.deepCopy) }),
        (
            "eval", "<sx?:x>", 2,
            { ctx, a throws(PendingError) in
                guard case .string(let text)? = a[arg: 0] else { return nil }
                var input = ctx.input
                if let focus = a[arg: 1] {
                    input = focus
                    if case .array(let arr) = focus, !arr.sequence {
                        let wrapped = JArray.seq(focus)
                        wrapped.outerWrapper = true
                        input = .array(wrapped)
                    }
                }
                let ast: Node
                do throws(PendingError) {
                    ast = try Parser.parse(text)
                } catch {
                    throw PendingError("D3120", value: .string(error.resolved.message))
                }
                do throws(PendingError) {
                    return try ctx.evaluator.eval(ast, input, ctx.frame)
                } catch {
                    if error.code == "U1001" { throw error }
                    throw PendingError("D3121", value: .string(error.resolved.message))
                }
            }
        ),
        (
            "now", "<s?s?:s>", 2,
            { ctx, a throws(PendingError) in
                try DateFunctions.format(ctx.evaluator.environment.now, a[arg: 0]?.string, a[arg: 1]?.string)
            }
        ),
        ("millis", "<:n>", 0, { ctx, _ in .number(ctx.evaluator.environment.now) }),
        (
            "fromMillis", "<n-s?s?:s>", 3,
            { _, a throws(PendingError) in
                guard let ms = a[arg: 0]?.number else { return nil }
                return try DateFunctions.format(ms, a[arg: 1]?.string, a[arg: 2]?.string)
            }
        ),
        (
            "toMillis", "<s-s?:n>", 2,
            { ctx, a throws(PendingError) in
                guard case .string(let s)? = a[arg: 0] else { return nil }
                do throws(PictureError) {
                    return try DateTimePicture.parse(s, picture: a[arg: 1]?.string, now: ctx.evaluator.environment.now)
                        .map {
                            .number($0)
                        }
                } catch {
                    throw PendingError(error.code, value: .string(s), text: error.message, literal: true)
                }
            }
        ),
    ]
}
