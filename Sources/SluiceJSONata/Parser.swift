/// jsonata-js's Pratt parser (top-down operator precedence), producing the raw tree that `ASTProcessor` then
/// turns into paths and steps.
struct Parser {
    static let bindingPower: [String: Int] = [
        ".": 75, "[": 80, "{": 70, "(": 80, "@": 80, "#": 80, "?": 20, "+": 50, "-": 50, "*": 60, "/": 60,
        "%": 60, "=": 40, "<": 40, ">": 40, "^": 40, "!=": 40, "<=": 40, ">=": 40, "~>": 40, "and": 30, "or": 25,
        "in": 40, "&": 50, ":=": 10,
    ]
    static let otherSymbols: Set<String> = ["]", "}", ")", ",", ";", ":", "..", "**", "|"]

    /// How deep the tree may grow: nested subexpressions plus chained operators (`1+1+...`, `$.a.a...`), each a
    /// level of the parser's, the processor's and the evaluator's recursion and of the tree's release. Far above
    /// what people write (the evaluator's own depth limit is 1000); a hostile definition nested deeper would
    /// otherwise overflow the stack of the thread decoding it (found with the fuzz targets: 3,000 parentheses
    /// crashed a debug build on an 8 MB stack).
    static let maximumNesting = 500

    var lexer: Tokenizer
    let sourceLength: Int
    var node: Node
    var nodeID: String
    /// Levels of the tree open where the parser is (`maximumNesting`).
    private var nesting = 0

    init(_ source: String) {
        lexer = Tokenizer(source)
        sourceLength = source.unicodeScalars.count
        node = Node(.end, position: 0)
        nodeID = "(end)"
    }

    static func parse(_ source: String) throws(PendingError) -> Node {
        var p = Parser(source)
        try p.advance()
        let expr = try p.expression(0)
        if p.nodeID != "(end)" {
            throw PendingError("S0201", position: p.node.position, token: p.node.value)
        }
        var processor = ASTProcessor()
        let result = try processor.process(expr)
        if result.kind == .parent || result.seekingParent != nil {
            throw PendingError("S0217", position: result.position, token: result.kind == .parent ? "parent" : "path")
        }
        result.finalize()
        return result
    }

    private var lbp: Int { Parser.bindingPower[nodeID] ?? 0 }

    @discardableResult
    mutating func advance(_ id: String? = nil, infix: Bool = false) throws(PendingError) -> Node {
        if let id, nodeID != id {
            let code = nodeID == "(end)" ? "S0203" : "S0202"
            let e = PendingError(code, position: node.position, token: node.value, value: .string(id))
            if nodeID == "(end)" { e.token = nil }
            throw e
        }
        guard let token = try lexer.next(infix: infix) else {
            node = Node(.end, "(end)", position: sourceLength)
            nodeID = "(end)"
            return node
        }
        let n: Node
        switch token.kind {
        case .name:
            n = Node(.name, token.text, position: token.position)
            nodeID = "(name)"
        case .variable:
            n = Node(.variable, token.text, position: token.position)
            nodeID = "(name)"
        case .operator:
            guard Parser.bindingPower[token.text] != nil || Parser.otherSymbols.contains(token.text) else {
                throw PendingError("S0204", position: token.position, token: token.text)
            }
            n = Node(.operator, token.text, position: token.position)
            nodeID = token.text
        case .string, .number, .value:
            let kind: Node.Kind = token.kind == .string ? .string : token.kind == .number ? .number : .value
            n = Node(kind, token.text, position: token.position)
            n.literal = token.literal
            nodeID = "(literal)"
        case .regex:
            n = Node(.regex, token.text, position: token.position)
            n.regex = token.regex
            nodeID = "(regex)"
        case .end:
            n = Node(.end, "(end)", position: token.position)
            nodeID = "(end)"
        }
        node = n
        return n
    }

    mutating func expression(_ rbp: Int) throws(PendingError) -> Node {
        var t = node
        var tID = nodeID
        var opened = 1
        try enter(t)
        defer { nesting -= opened }
        try advance(infix: true)
        var left = try nud(t, tID)
        while rbp < lbp {
            t = node
            tID = nodeID
            // Each operator chained here puts the tree built so far one level further down.
            opened += 1
            try enter(t)
            try advance()
            left = try led(t, tID, left)
        }
        return left
    }

    private mutating func enter(_ t: Node) throws(PendingError) {
        nesting += 1
        if nesting > Self.maximumNesting {
            throw PendingError(
                "U1001",
                position: t.position,
                text: "Stack overflow error: the expression is nested more than \(Self.maximumNesting) levels deep"
            )
        }
    }

    private mutating func nud(_ t: Node, _ id: String) throws(PendingError) -> Node {
        switch id {
        case "(name)", "(literal)", "(regex)", "(end)", "and", "or", "in":
            return t
        case "-":
            t.expression = try expression(70)
            t.kind = .unary
            return t
        case "*":
            t.kind = .wildcard
            return t
        case "**":
            t.kind = .descendant
            return t
        case "%":
            t.kind = .parent
            return t
        case "(":
            var expressions: [Node] = []
            while nodeID != ")" {
                expressions.append(try expression(0))
                if nodeID != ";" { break }
                try advance(";")
            }
            try advance(")", infix: true)
            t.kind = .block
            t.expressions = expressions
            return t
        case "[":
            var items: [Node] = []
            if nodeID != "]" {
                while true {
                    var item = try expression(0)
                    if nodeID == ".." {
                        let range = Node(.binary, "..", position: node.position)
                        range.lhs = item
                        try advance("..")
                        range.rhs = try expression(0)
                        item = range
                    }
                    items.append(item)
                    if nodeID != "," { break }
                    try advance(",")
                }
            }
            try advance("]", infix: true)
            t.expressions = items
            t.kind = .unary
            return t
        case "{":
            t.pairs = try objectPairs()
            t.kind = .unary
            return t
        case "|":
            t.kind = .transform
            t.pattern = try expression(0)
            try advance("|")
            t.update = try expression(0)
            if nodeID == "," {
                try advance(",")
                t.delete = try expression(0)
            }
            try advance("|")
            return t
        default:
            throw PendingError("S0211", position: t.position, token: t.value)
        }
    }

    private mutating func objectPairs() throws(PendingError) -> [(Node, Node)] {
        var pairs: [(Node, Node)] = []
        if nodeID != "}" {
            while true {
                let n = try expression(0)
                try advance(":")
                let v = try expression(0)
                pairs.append((n, v))
                if nodeID != "," { break }
                try advance(",")
            }
        }
        try advance("}", infix: true)
        return pairs
    }

    private mutating func led(_ t: Node, _ id: String, _ left: Node) throws(PendingError) -> Node {
        switch id {
        case "(":
            return try call(t, left)
        case "[":
            if nodeID == "]" {
                var step: Node? = left
                while let s = step, s.kind == .binary, s.value == "[" { step = s.lhs }
                step?.keepArray = true
                try advance("]")
                return left
            }
            t.lhs = left
            t.rhs = try expression(0)
            t.kind = .binary
            try advance("]", infix: true)
            return t
        case "^":
            return try orderBy(t, left)
        case "{":
            t.lhs = left
            t.pairs = try objectPairs()
            t.kind = .binary
            return t
        case ":=":
            if left.kind != .variable {
                throw PendingError("S0212", position: left.position, token: left.value)
            }
            t.lhs = left
            t.rhs = try expression(Parser.bindingPower[":="]! - 1)
            t.kind = .binary
            return t
        case "@", "#":
            t.lhs = left
            t.rhs = try expression(Parser.bindingPower[id]!)
            if t.rhs?.kind != .variable {
                throw PendingError("S0214", position: t.rhs?.position, token: id)
            }
            t.kind = .binary
            return t
        case "?":
            t.kind = .condition
            t.condition = left
            t.then = try expression(0)
            if nodeID == ":" {
                try advance(":")
                t.otherwise = try expression(0)
            }
            return t
        default:
            t.lhs = left
            t.rhs = try expression(Parser.bindingPower[id] ?? 0)
            t.kind = .binary
            return t
        }
    }

    /// `f(args)`, a partial application `f(?, x)`, or `function($a){ body }` with its signature.
    private mutating func call(_ t: Node, _ left: Node) throws(PendingError) -> Node {
        t.procedure = left
        t.kind = .function
        if nodeID != ")" {
            while true {
                if node.kind == .operator, nodeID == "?" {
                    t.kind = .partial
                    t.arguments.append(node)
                    try advance("?")
                } else {
                    t.arguments.append(try expression(0))
                }
                if nodeID != "," { break }
                try advance(",")
            }
        }
        try advance(")", infix: true)
        if left.kind == .name, left.value == "function" || left.value == "\u{03BB}" {
            for (i, arg) in t.arguments.enumerated() where arg.kind != .variable {
                throw PendingError("S0208", position: arg.position, token: arg.value, value: .number(Double(i + 1)))
            }
            t.kind = .lambda
            t.params = t.arguments.map(\.value)
            if nodeID == "<" { t.signature = try lambdaSignature() }
            try advance("{")
            t.body = try expression(0)
            try advance("}")
        }
        return t
    }

    /// A lambda's `<...>` signature, read token by token up to its closing `>`.
    private mutating func lambdaSignature() throws(PendingError) -> Signature {
        let sigPos = node.position
        var depth = 1
        var sig = "<"
        while depth > 0, nodeID != "{", nodeID != "(end)" {
            let tok = try advance()
            if nodeID == ">" { depth -= 1 } else if nodeID == "<" { depth += 1 }
            sig += tok.value
        }
        try advance(">")
        do {
            return try Signature(sig)
        } catch {
            let e = error
            e.position = sigPos + (e.position ?? 0)
            throw e
        }
    }

    /// `^( <a, >b )`: the terms of an order-by.
    private mutating func orderBy(_ t: Node, _ left: Node) throws(PendingError) -> Node {
        try advance("(")
        var terms: [(descending: Bool, expr: Node)] = []
        while true {
            var descending = false
            if nodeID == "<" {
                try advance("<")
            } else if nodeID == ">" {
                descending = true
                try advance(">")
            }
            terms.append((descending, try expression(0)))
            if nodeID != "," { break }
            try advance(",")
        }
        try advance(")")
        t.lhs = left
        t.terms = terms
        t.kind = .binary
        return t
    }
}
