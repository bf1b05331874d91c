import SluiceJSON

/// The ValidationExceptions PutTargets raises for a target's input fields, worded like AWS's.
///
/// Shape constraints read like AWS's request validation ("1 validation error detected: ... failed to satisfy
/// constraint: ..."), naming the field and the target rather than AWS's `targets.N.member` position, which a
/// single target does not have.
enum TargetInputError {
    /// Every problem with a target's input is a ValidationException on AWS.
    static let code = "ValidationException"

    /// A field longer than its AWS limit. Lengths count UTF-16 code units, as AWS's Java service does.
    static func checkLength(_ text: String, field: String, targetId: String, maximum: Int) throws(PatternError) {
        if text.utf16.count > maximum {
            throw constraint(
                field: field,
                targetId: targetId,
                "Member must have length less than or equal to \(maximum)"
            )
        }
    }

    /// A request-shape violation on one field.
    static func constraint(field: String, targetId: String, _ constraint: String) -> PatternError {
        PatternError(
            code: code,
            message: "1 validation error detected: Value at '\(field)' of target \(targetId) failed to satisfy "
                + "constraint: \(constraint)"
        )
    }

    /// A field holding the wrong JSON type (AWS's SDKs cannot even send these; a rule file can hold them).
    static func wrongType(field: String, targetId: String, expected: String, got value: JSONValue) -> PatternError {
        PatternError(
            code: code,
            message: "\(field) of target \(targetId) must be \(expected), not \(value.typeName)"
        )
    }

    /// Parses an `InputPath` or `InputPathsMap` value. The engine is the Jayway dialect Step Functions uses, which
    /// covers everything EventBridge documents (dot notation, dashes, array indices, wildcards); text it cannot
    /// read at all is refused here rather than left to fail on every event.
    static func path(_ text: String, field: String, targetId: String) throws(PatternError) -> JSONPath {
        do {
            return try JSONPath(text)
        } catch {
            throw PatternError(
                code: code,
                message: "\(field) for target \(targetId) is not a valid JSON path: \(text) (\(error.message))"
            )
        }
    }
}
