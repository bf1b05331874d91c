/// $append, $sort, $map, $filter, $reduce and the other array and higher-order functions.
enum ArrayFunctions {
    nonisolated(unsafe) static let all: [(String, String?, Int, Library.Body)] = [
        ("append", "<xx:a>", 2, { _, a in Builtins.append(a[arg: 0], a[arg: 1]) }),
        ("exists", "<x:b>", 1, { _, a in .bool(a[arg: 0] != nil) }),
        (
            "reverse", "<a:a>", 1,
            { _, a in
                guard let v = a[arg: 0] else { return nil }
                guard case .array(let arr) = v, arr.items.count > 1 else { return v }
                return .array(JArray(arr.items.reversed()))
            }
        ),
        (
            "shuffle", "<a:a>", 1,
            { ctx, a in
                guard let v = a[arg: 0] else { return nil }
                guard case .array(let arr) = v, arr.items.count > 1 else { return v }
                var items = arr.items
                for i in stride(from: items.count - 1, to: 0, by: -1) {
                    let r = ctx.evaluator.environment.randomSource?() ?? Double.random(in: 0..<1)
                    let j = min(i, Int(r * Double(i + 1)))
                    items.swapAt(i, j)
                }
                return .array(JArray(items))
            }
        ),
        (
            "distinct", "<x:x>", 1,
            { _, a in
                guard let v = a[arg: 0] else { return nil }
                guard case .array(let arr) = v, arr.items.count > 1 else { return v }
                let out = JArray([], sequence: arr.sequence)
                for item in arr.items where !out.items.contains(where: { Builtins.deepEqual($0, item) }) {
                    out.items.append(item)
                }
                return .array(out)
            }
        ),
        (
            "zip", "<a+>", 0,
            { _, a in
                let lists = a.map { $0?.items ?? [] }
                let length = lists.map(\.count).min() ?? 0
                var out: [JV] = []
                for i in 0..<length { out.append(.array(JArray(lists.map { $0[i] }))) }
                return .array(JArray(out))
            }
        ),
        (
            "sort", "<af?:a>", 2,
            { ctx, a throws(PendingError) in
                guard let v = a[arg: 0] else { return nil }
                guard case .array(let arr) = v, arr.items.count > 1 else { return v }
                if let comparator = a[arg: 1] {
                    let sorted = try Builtins.mergeSort(arr.items) { x, y throws(PendingError) in
                        Builtins.boolean(try ctx.evaluator.apply(comparator, [x, y], nil, ctx.frame)) == true
                    }
                    return .array(JArray(sorted))
                }
                if Builtins.isArrayOfNumbers(arr) {
                    return .array(
                        JArray(try Builtins.mergeSort(arr.items) { x, y in (x.number ?? 0) > (y.number ?? 0) })
                    )
                }
                if Builtins.isArrayOfStrings(arr) {
                    return .array(
                        JArray(
                            try Builtins.mergeSort(arr.items) { x, y in Builtins.jsLess(y.string ?? "", x.string ?? "")
                            }
                        )
                    )
                }
                throw PendingError("D3070", index: 1)
            }
        ),
        (
            "map", "<af>", 2,
            { ctx, a throws(PendingError) in
                guard let v = a[arg: 0], let f = a[arg: 1] else { return nil }
                let items = v.items
                let out = JArray.seq()
                for (i, item) in items.enumerated() {
                    if let r = try Library.callBack(ctx, f, item, .number(Double(i)), v) { out.items.append(r) }
                }
                return .array(out)
            }
        ),
        (
            "filter", "<af>", 2,
            { ctx, a throws(PendingError) in
                guard let v = a[arg: 0], let f = a[arg: 1] else { return nil }
                let out = JArray.seq()
                for (i, item) in v.items.enumerated() {
                    let r = try Library.callBack(ctx, f, item, .number(Double(i)), v)
                    if Builtins.boolean(r) == true { out.items.append(item) }
                }
                return .array(out)
            }
        ),
        (
            "single", "<af?>", 2,
            { ctx, a throws(PendingError) in
                guard let v = a[arg: 0] else { return nil }
                var found: JV?
                for (i, item) in v.items.enumerated() {
                    var positive = true
                    if let f = a[arg: 1] {
                        positive = Builtins.boolean(try Library.callBack(ctx, f, item, .number(Double(i)), v)) == true
                    }
                    if positive {
                        if found != nil { throw PendingError("D3138", index: i) }
                        found = item
                    }
                }
                guard let found else { throw PendingError("D3139") }
                return found
            }
        ),
        (
            "reduce", "<afj?:j>", 3,
            { ctx, a throws(PendingError) in
                guard let v = a[arg: 0], let f = a[arg: 1] else { return nil }
                var arity = 1
                if case .function(let fn) = f { arity = fn.arity }
                if arity < 2 { throw PendingError("D3050", index: 1) }
                let items = v.items
                var result: JV?
                var index: Int
                if a[arg: 2] == nil, !items.isEmpty {
                    result = items[0]
                    index = 1
                } else {
                    result = a[arg: 2]
                    index = 0
                }
                while index < items.count {
                    var args: [JV?] = [result, items[index]]
                    if arity >= 3 { args.append(.number(Double(index))) }
                    if arity >= 4 { args.append(v) }
                    result = try ctx.evaluator.apply(f, args, nil, ctx.frame)
                    index += 1
                }
                return result
            }
        ),
    ]
}
