/// The data-test operators of a JSONPath Choice Rule, by the field name that spells them.
///
/// The `...Path` spellings (`StringEqualsPath`, ...) are not separate cases: decoding maps them to the base operator
/// with a `ComparisonOperand.path` operand, since they compare exactly alike once the operand is resolved.
package enum ComparisonOperator: String, Sendable, Hashable, CaseIterable {
    case stringEquals = "StringEquals"
    case stringLessThan = "StringLessThan"
    case stringGreaterThan = "StringGreaterThan"
    case stringLessThanEquals = "StringLessThanEquals"
    case stringGreaterThanEquals = "StringGreaterThanEquals"
    case stringMatches = "StringMatches"
    case numericEquals = "NumericEquals"
    case numericLessThan = "NumericLessThan"
    case numericGreaterThan = "NumericGreaterThan"
    case numericLessThanEquals = "NumericLessThanEquals"
    case numericGreaterThanEquals = "NumericGreaterThanEquals"
    case booleanEquals = "BooleanEquals"
    case timestampEquals = "TimestampEquals"
    case timestampLessThan = "TimestampLessThan"
    case timestampGreaterThan = "TimestampGreaterThan"
    case timestampLessThanEquals = "TimestampLessThanEquals"
    case timestampGreaterThanEquals = "TimestampGreaterThanEquals"
    case isNull = "IsNull"
    case isPresent = "IsPresent"
    case isNumeric = "IsNumeric"
    case isString = "IsString"
    case isBoolean = "IsBoolean"
    case isTimestamp = "IsTimestamp"
}

extension ComparisonOperator {
    /// What kind of value the operator compares, which fixes the type its operand must have.
    package enum Family: Sendable, Hashable {
        case string, numeric, boolean, timestamp
        /// `StringMatches`: a string against a wildcard pattern.
        case pattern
        /// `IsNull`, `IsPresent`, ...: the operand is a Boolean saying whether the test should hold.
        case typeTest
    }

    /// The operator's family, which decides both the operand type decoding demands and how evaluation compares.
    package var family: Family {
        switch self {
        case .stringEquals, .stringLessThan, .stringGreaterThan, .stringLessThanEquals, .stringGreaterThanEquals:
            .string
        case .stringMatches:
            .pattern
        case .numericEquals, .numericLessThan, .numericGreaterThan, .numericLessThanEquals,
            .numericGreaterThanEquals:
            .numeric
        case .booleanEquals:
            .boolean
        case .timestampEquals, .timestampLessThan, .timestampGreaterThan, .timestampLessThanEquals,
            .timestampGreaterThanEquals:
            .timestamp
        case .isNull, .isPresent, .isNumeric, .isString, .isBoolean, .isTimestamp:
            .typeTest
        }
    }

    /// The `...Path` field name, for operators that have one (`StringMatches` and the type tests do not).
    package var pathFieldName: String? {
        switch family {
        case .string, .numeric, .boolean, .timestamp: rawValue + "Path"
        case .pattern, .typeTest: nil
        }
    }

    /// The field name an operator/operand pair is spelled with in a definition.
    package func fieldName(for operand: ComparisonOperand) -> String {
        if case .path = operand, let pathFieldName { return pathFieldName }
        return rawValue
    }

    /// Finds the operator a field name spells, and whether it is the `...Path` form; nil for any other field.
    package static func parse(fieldName: String) -> (ComparisonOperator, isPath: Bool)? {
        if let op = ComparisonOperator(rawValue: fieldName) { return (op, false) }
        guard fieldName.hasSuffix("Path"), let op = ComparisonOperator(rawValue: String(fieldName.dropLast(4))),
            op.pathFieldName != nil
        else { return nil }
        return (op, true)
    }
}
