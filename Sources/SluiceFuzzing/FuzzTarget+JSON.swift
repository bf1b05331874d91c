import SluiceJSON

extension FuzzTarget {
    /// The parser, both entry points, and the printer on what it accepted.
    static func json(_ input: [UInt8]) {
        if let value = try? JSONParser.parse(bytes: input, rejectingDuplicateKeys: true) {
            _ = value.serialized()
        }
        _ = try? JSONParser.parse(FuzzInput.text(input))
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
