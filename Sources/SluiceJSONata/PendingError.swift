/// An error while it travels through the evaluator: the inserts stay raw until the message is written, because
/// the token and position are often added by an enclosing node (as jsonata-js does to its error objects).
/// A class, so that a thrown error costs every frame of the deep evaluator recursion one pointer.
final class PendingError: Error, @unchecked Sendable {
    var code: String
    var position: Int?
    var token: String?
    var value: JV?
    var value2: JV?
    var index: Int?
    var typeName: String?
    var text: String?
    var hasValue = false
    /// The message is `text` as given (an error from a native function or a picture), not the catalog's.
    var literal = false

    init(
        _ code: String,
        position: Int? = nil,
        token: String? = nil,
        value: JV? = nil,
        value2: JV? = nil,
        index: Int? = nil,
        type: String? = nil,
        text: String? = nil,
        hasValue: Bool = false,
        literal: Bool = false
    ) {
        self.literal = literal
        self.code = code
        self.position = position
        self.token = token
        self.value = value
        self.value2 = value2
        self.index = index
        self.typeName = type
        self.text = text
        self.hasValue = hasValue || value != nil
    }

    /// The public error, its message written from the catalog.
    var resolved: JSONataError {
        if literal, let text { return JSONataError(code: code, message: text, position: position, token: token) }
        let template = ErrorCatalog.messages[code] ?? text ?? code
        var out = ""
        var rest = Substring(template)
        while let open = rest.range(of: "{{") {
            out += rest[..<open.lowerBound]
            let triple = rest[open.upperBound...].hasPrefix("{")
            let nameStart = triple ? rest.index(after: open.upperBound) : open.upperBound
            guard let close = rest[nameStart...].range(of: "}}") else {
                rest = rest[open.lowerBound...]
                break
            }
            let name = String(rest[nameStart..<close.lowerBound])
            var end = close.upperBound
            if triple, end < rest.endIndex, rest[end] == "}" { end = rest.index(after: end) }
            out += triple ? raw(name) : json(name)
            rest = rest[end...]
        }
        out += rest
        return JSONataError(code: code, message: out, position: position, token: token)
    }

    private func raw(_ name: String) -> String {
        switch name {
        case "token": return token ?? "undefined"
        case "message": return text ?? ""
        case "functionName": return token ?? ""
        default: return json(name)
        }
    }

    private func json(_ name: String) -> String {
        switch name {
        case "token": return token.map { JSONText.quote($0) } ?? "undefined"
        case "value": return hasValue ? (value.map { JSONText.stringify($0) } ?? "undefined") : "undefined"
        case "value2": return value2.map { JSONText.stringify($0) } ?? "undefined"
        case "index": return index.map(String.init) ?? "undefined"
        case "type": return typeName.map { JSONText.quote($0) } ?? "undefined"
        case "exp": return value2.map { JSONText.stringify($0) } ?? "undefined"
        default: return "undefined"
        }
    }
}

extension Substring {
    fileprivate func range(of needle: String) -> Range<Index>? {
        var i = startIndex
        let n = Array(needle)
        while i < endIndex {
            var j = i
            var k = 0
            while k < n.count, j < endIndex, self[j] == n[k] {
                j = index(after: j)
                k += 1
            }
            if k == n.count { return i..<j }
            i = index(after: i)
        }
        return nil
    }
}
