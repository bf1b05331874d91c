import SluiceJSON

extension TargetInput {
    /// AWS's limit on `Input` (the TargetInput shape).
    static let maximumInputLength = 8192
    /// AWS's limit on `InputPath` and on every `InputPathsMap` value (the TargetInputPath shape).
    static let maximumPathLength = 256

    /// Reads a target's `Input`, `InputPath` and `InputTransformer` fields and checks them as PutTargets does.
    ///
    /// Field constraints (types and lengths) are checked first, as AWS validates the request shape before anything
    /// else; then that at most one of the three is given; then what each one holds. `targetId` names the target
    /// in messages. Fields set to JSON null count as absent, like a field an SDK leaves out.
    package init(target: JSONObject, targetId: String) throws(PatternError) {
        let input = try Self.string(target, "Input", targetId: targetId, maximumLength: Self.maximumInputLength)
        let inputPath = try Self.string(target, "InputPath", targetId: targetId, maximumLength: Self.maximumPathLength)
        let transformer = try Self.transformerObject(target, targetId: targetId)

        let given = [input != nil, inputPath != nil, transformer != nil].filter { $0 }.count
        if given > 1 {
            throw PatternError(
                code: TargetInputError.code,
                message: "Only one of Input, InputPath, or InputTransformer must be provided for target \(targetId)."
            )
        }
        if let input {
            // The constant is delivered as written, but it has to be JSON text.
            guard (try? JSONParser.parse(input)) != nil else {
                throw PatternError(
                    code: TargetInputError.code,
                    message: "Input for target \(targetId) is not a valid JSON text."
                )
            }
            self.init(kind: .constant(input))
        } else if let inputPath {
            self.init(kind: .inputPath(try TargetInputError.path(inputPath, field: "InputPath", targetId: targetId)))
        } else if let transformer {
            self.init(kind: .transformer(try InputTransformer(object: transformer, targetId: targetId)))
        } else {
            self.init(kind: .event)
        }
    }

    private static func string(
        _ target: JSONObject,
        _ field: String,
        targetId: String,
        maximumLength: Int
    ) throws(PatternError) -> String? {
        switch target[field] {
        case nil, .null?:
            return nil
        case .string(let text)?:
            try TargetInputError.checkLength(text, field: field, targetId: targetId, maximum: maximumLength)
            return text
        case let other?:
            throw TargetInputError.wrongType(field: field, targetId: targetId, expected: "a string", got: other)
        }
    }

    private static func transformerObject(_ target: JSONObject, targetId: String) throws(PatternError) -> JSONObject? {
        switch target["InputTransformer"] {
        case nil, .null?:
            return nil
        case .object(let object)?:
            return object
        case let other?:
            throw TargetInputError.wrongType(
                field: "InputTransformer",
                targetId: targetId,
                expected: "an object",
                got: other
            )
        }
    }
}
