/// A function signature such as `<s-nn?:s>`: parsed the way jsonata-js's signature.js does, and used to
/// validate (and coerce) the arguments of a call: `-` takes the context value for a missing argument, `a`
/// wraps a single value in an array.
final class Signature: @unchecked Sendable {
    struct Param {
        let symbols: Set<Character>
        /// `symbols` as bits (`Signature.bit`): the calls' fast path tests them without hashing a Character.
        let mask: UInt8
        var type: Character
        var quantifier: Character?  // "?" or "+"
        var context = false
        var subtype: String?

        init(symbols: Set<Character>, type: Character) {
            self.symbols = symbols
            self.mask = Signature.mask(symbols)
            self.type = type
        }
    }

    let params: [Param]
    let text: String

    static let transform = try! Signature("<(oa):o>")

    init(_ text: String) throws(PendingError) {
        self.text = text
        var params: [Param] = []
        let chars = Array(text)
        var position = 1
        while position < chars.count {
            let symbol = chars[position]
            if symbol == ":" { break }
            switch symbol {
            case "s", "n", "b", "l", "o":
                params.append(Param(symbols: [symbol, "m"], type: symbol))
            case "a":
                params.append(Param(symbols: Set("asnblfom"), type: "a"))
            case "f":
                params.append(Param(symbols: ["f"], type: "f"))
            case "j":
                params.append(Param(symbols: Set("asnblom"), type: "j"))
            case "x":
                params.append(Param(symbols: Set("asnblfom"), type: "x"))
            case "-":
                if !params.isEmpty { params[params.count - 1].context = true }
            case "?", "+":
                if !params.isEmpty { params[params.count - 1].quantifier = symbol }
            case "(":
                guard let end = chars[position...].firstIndex(of: ")") else {
                    throw PendingError("S0402", position: position)
                }
                let choice = String(chars[(position + 1)..<end])
                if choice.contains("<") { throw PendingError("S0402", position: position) }
                params.append(Param(symbols: Set(choice + "m"), type: "("))
                position = end
            case "<":
                guard let last = params.last, last.type == "a" || last.type == "f" else {
                    throw PendingError("S0401", position: position)
                }
                var depth = 1
                var end = position + 1
                while end < chars.count, depth > 0 {
                    if chars[end] == "<" { depth += 1 } else if chars[end] == ">" { depth -= 1 }
                    end += 1
                }
                params[params.count - 1].subtype = String(chars[(position + 1)..<(end - 1)])
                position = end - 1
            default:
                break
            }
            position += 1
        }
        self.params = params
    }

    static func symbol(_ v: JV?) -> Character {
        switch v {
        case nil: "m"
        case .function?: "f"
        case .string?: "s"
        case .number?: "n"
        case .bool?: "b"
        case .null?: "l"
        case .array?: "a"
        case .object?: "o"
        }
    }

    /// Matches the argument symbols against the parameters like jsonata-js's anchored regular expression
    /// (greedy, backtracking): returns for each parameter the range of arguments it took.
    private func assign(_ symbols: [Character], _ p: Int, _ i: Int, _ out: inout [Range<Int>]) -> Bool {
        if p == params.count { return i == symbols.count }
        let param = params[p]
        let optional = param.quantifier == "?" || param.context
        var counts: [Int] = []
        if param.quantifier == "+" {
            var n = 0
            while i + n < symbols.count, param.symbols.contains(symbols[i + n]) { n += 1 }
            if n >= 1 { counts = Array((1...n).reversed()) }
        } else {
            if i < symbols.count, param.symbols.contains(symbols[i]) { counts.append(1) }
            if optional { counts.append(0) }
        }
        for c in counts {
            out.append(i..<(i + c))
            if assign(symbols, p + 1, i + c, &out) { return true }
            out.removeLast()
        }
        return false
    }

    func validate(_ args: [JV?], context: JV?) throws(PendingError) -> [JV?] {
        if let fast = try validateSimply(args) { return fast }
        let symbols = args.map(Signature.symbol)
        var ranges: [Range<Int>] = []
        guard assign(symbols, 0, 0, &ranges) else { throw validationError(args, symbols) }
        var validated: [JV?] = []
        var argIndex = 0
        for (index, param) in params.enumerated() {
            let range = ranges[index]
            if range.isEmpty {
                if param.context {
                    let contextSymbol = Signature.symbol(context)
                    if param.symbols.contains(contextSymbol) {
                        validated.append(context)
                    } else {
                        throw PendingError("T0411", value: context, index: argIndex + 1, hasValue: context != nil)
                    }
                } else {
                    validated.append(argIndex < args.count ? args[argIndex] : nil)
                    argIndex += 1
                }
                continue
            }
            for k in range {
                var arg = args[k]
                let single = symbols[k]
                if param.type == "a" {
                    if single == "m" {
                        arg = nil
                    } else {
                        if let subtype = param.subtype, let wanted = subtype.first {
                            var ok = true
                            if single != "a" {
                                ok = String(single) == subtype
                            } else if case .array(let a)? = arg, let first = a.items.first {
                                let itemType = Signature.symbol(first)
                                ok = itemType == wanted && a.items.allSatisfy { Signature.symbol($0) == itemType }
                            }
                            if !ok {
                                throw PendingError(
                                    "T0412",
                                    value: arg,
                                    index: argIndex + 1,
                                    type: Signature.typeNames[subtype] ?? subtype
                                )
                            }
                        }
                        if single != "a", let a = arg { arg = .array(JArray([a])) }
                    }
                }
                validated.append(arg)
                argIndex += 1
            }
        }
        return validated
    }

    /// The common case without the matching machinery: one argument per parameter (the parameters left over
    /// optional, not taking the context), each of an accepted type, no array to wrap and no array items to
    /// check. Nil when the general path is needed. Arguments taken in order, each by the first parameter left,
    /// are what the general path's greedy matching tries first, so when they fit they are its answer too.
    private func validateSimply(_ args: [JV?]) throws(PendingError) -> [JV?]? {
        guard args.count <= params.count else { return nil }
        for i in 0..<args.count {
            let param = params[i]
            if param.quantifier == "+" { return nil }
            let bit = Signature.bit(args[i])
            guard param.mask & bit != 0 else { return nil }
            if param.type == "a" {
                guard bit == Signature.arrayBit || bit == Signature.undefinedBit else { return nil }
                if let subtype = param.subtype, case .array(let a)? = args[i], let first = a.items.first {
                    let itemType = Signature.symbol(first)
                    guard String(itemType) == subtype, a.items.allSatisfy({ Signature.symbol($0) == itemType }) else {
                        return nil
                    }
                }
            }
        }
        if args.count == params.count { return args }
        // The parameters left get no argument: undefined, as the general path gives them.
        var validated = args
        for param in params[args.count...] {
            guard param.quantifier == "?", !param.context else { return nil }
            validated.append(nil)
        }
        return validated
    }

    /// The bit of a value's symbol in a parameter's `mask`.
    static func bit(_ v: JV?) -> UInt8 {
        switch v {
        case nil: undefinedBit
        case .function?: 1 << 1
        case .string?: 1 << 2
        case .number?: 1 << 3
        case .bool?: 1 << 4
        case .null?: 1 << 5
        case .array?: arrayBit
        case .object?: 1 << 7
        }
    }

    static let undefinedBit: UInt8 = 1
    static let arrayBit: UInt8 = 1 << 6

    static func mask(_ symbols: Set<Character>) -> UInt8 {
        let bits: [Character: UInt8] = [
            "m": 1, "f": 1 << 1, "s": 1 << 2, "n": 1 << 3, "b": 1 << 4, "l": 1 << 5, "a": 1 << 6, "o": 1 << 7,
        ]
        return symbols.reduce(0) { $0 | (bits[$1] ?? 0) }
    }

    static let typeNames: [String: String] = [
        "a": "arrays", "b": "booleans", "f": "functions", "n": "numbers", "o": "objects", "s": "strings",
    ]

    private func validationError(_ args: [JV?], _ symbols: [Character]) -> PendingError {
        // Grow the matched prefix parameter by parameter to find the first argument that fails.
        var goodTo = 0
        for p in 0..<params.count {
            var best: Int?
            func longest(_ q: Int, _ i: Int) {
                if q > p {
                    best = max(best ?? -1, i)
                    return
                }
                let param = params[q]
                let optional = param.quantifier == "?" || param.context
                if param.quantifier == "+" {
                    var n = 0
                    while i + n < symbols.count, param.symbols.contains(symbols[i + n]) {
                        n += 1
                        longest(q + 1, i + n)
                    }
                } else {
                    if i < symbols.count, param.symbols.contains(symbols[i]) { longest(q + 1, i + 1) }
                    if optional { longest(q + 1, i) }
                }
            }
            longest(0, 0)
            guard let b = best else {
                let bad = goodTo < args.count ? args[goodTo] : nil
                return PendingError("T0410", value: bad, index: goodTo + 1, hasValue: bad != nil)
            }
            goodTo = b
        }
        let bad = goodTo < args.count ? args[goodTo] : nil
        return PendingError("T0410", value: bad, index: goodTo + 1, hasValue: bad != nil)
    }
}
