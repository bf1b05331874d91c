import SluiceJSON

extension FuzzTarget {
    /// The parser, both entry points, and the printers on what it accepted: what sluice writes (outputs, result
    /// files, history) must read back as the same value, compact or pretty.
    static func json(_ input: [UInt8]) {
        if let value = try? JSONParser.parse(bytes: input, rejectingDuplicateKeys: true) {
            for printed in [value.serialized(), value.prettyPrinted()] {
                guard let again = try? JSONParser.parse(printed) else {
                    fatalError("printed JSON does not parse: \(printed.prefix(200))")
                }
                // A number beyond a double's range reads as infinity and prints as null, as JavaScript's
                // JSON.parse and JSON.stringify do: the one value allowed to change, and only into null.
                guard again == value || (hasNonFinite(value) && again.serialized() == value.serialized())
                else { fatalError("printed JSON reads back as another value: \(printed.prefix(200))") }
            }
        }
        _ = try? JSONParser.parse(FuzzInput.text(input))
        // The parse a worker's answer goes through, keeping objects as their compact JSON, gives the ordinary
        // parse's value and prints it the same, or fails as it does.
        let ordinary = try? JSONParser.parse(bytes: input)
        let compact = try? JSONParser.parse(keepingNestedObjectsCompact: input)
        guard ordinary == compact, ordinary?.serialized() == compact?.serialized() else {
            fatalError("the compact parse differs: \(String(decoding: input.prefix(200), as: UTF8.self))")
        }
    }

    /// Whether `value` holds a number that is not finite (which prints as null).
    private static func hasNonFinite(_ value: JSONValue) -> Bool {
        switch value {
        case .double(let d): !d.isFinite
        case .array(let items): items.contains(where: hasNonFinite)
        case .object(let members): members.values.contains(where: hasNonFinite)
        default: false
        }
    }

    /// A path (before the first NUL) evaluated against a document (after it).
    static func jsonPath(_ input: [UInt8]) {
        let parts = FuzzInput.parts(input, 2)
        guard let path = try? JSONPath(parts[0]) else { return }
        let document = (try? JSONParser.parse(parts[1])) ?? .null
        _ = path.evaluate(document)
    }

    /// A reference path read and written (ResultPath's setting) in a document.
    static func referencePath(_ input: [UInt8]) {
        let parts = FuzzInput.parts(input, 2)
        guard let path = try? ReferencePath(parts[0]) else { return }
        let document = (try? JSONParser.parse(parts[1])) ?? .object(JSONObject())
        _ = path.evaluate(document)
        _ = try? path.setting(.string("x"), in: document)
    }
}
