import SluiceJSON

/// Walks an already parsed pattern document as a token stream, so documents and texts compile the same way.
struct JSONValueTokenSource: EventPatternTokenSource {
    private enum Frame {
        case object([(key: String, value: JSONValue)], next: Int)
        case array([JSONValue], next: Int)
    }

    private var root: JSONValue?
    private var frames: [Frame] = []
    /// The value of the field name just handed out.
    private var pendingValue: JSONValue?

    init(_ document: JSONValue) {
        root = document
    }

    mutating func next() throws(PatternError) -> EventPatternToken {
        if let value = pendingValue {
            pendingValue = nil
            return open(value)
        }
        if let document = root {
            root = nil
            return open(document)
        }
        guard let frame = frames.popLast() else { return .endOfInput }
        switch frame {
        case .object(let entries, let index):
            guard index < entries.count else { return .endObject }
            frames.append(.object(entries, next: index + 1))
            pendingValue = entries[index].value
            return .fieldName(entries[index].key)
        case .array(let elements, let index):
            guard index < elements.count else { return .endArray }
            frames.append(.array(elements, next: index + 1))
            return open(elements[index])
        }
    }

    private mutating func open(_ value: JSONValue) -> EventPatternToken {
        switch value {
        case .null: return .null
        case .bool(let b): return .bool(b)
        case .int(let i): return .number(String(i))
        case .double(let d): return .number(d.description)
        case .string(let s): return .string(s)
        case .array(let elements):
            frames.append(.array(elements, next: 0))
            return .startArray
        case .object(let object):
            frames.append(.object(object.entries, next: 0))
            return .startObject
        }
    }
}
