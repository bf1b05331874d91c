import SluiceASL
import SluiceJSON
import SluiceVocabulary

/// Evaluates JSONPath Choice Rules the way Step Functions does.
///
/// - A value of the wrong type never matches (`StringEquals` on a number is false, `NumericEquals` on a string is
///   false, a Timestamp operator on a string that is not a timestamp is false); only a path that finds nothing is an
///   error.
/// - `Variable` (and a `...Path` operand) must find a value, except under `IsPresent`: otherwise the state fails with
///   `States.Runtime`, "Invalid path '$.x': The choice state's condition path references an invalid value."
/// - Numbers compare by value (`0` equals `0.0`); strings compare by UTF-16 code unit, like Java's `String`.
package enum ChoiceEvaluator {
    /// resolve returns the value at a path, or nil when the path matches nothing.
    package static func matches(
        _ rule: ChoiceRule,
        resolve: (String) throws(StatesError) -> JSONValue?
    ) throws(StatesError) -> Bool {
        switch rule {
        case .and(let rules):
            for rule in rules where try !matches(rule, resolve: resolve) { return false }
            return true
        case .or(let rules):
            for rule in rules where try matches(rule, resolve: resolve) { return true }
            return false
        case .not(let rule):
            return try !matches(rule, resolve: resolve)
        case .condition:
            // A JSONata Condition is evaluated by the interpreter (it needs $states); it never nests in JSONPath rules.
            return false
        case .comparison(let variable, let op, let operand):
            if op == .isPresent {
                // The one test defined on a path that finds nothing.
                let present = try resolve(variable) != nil
                return try present == operandValue(operand, resolve: resolve).boolValue
            }
            guard let value = try resolve(variable) else { throw invalidPath(variable) }
            return try compare(value, op, operandValue(operand, resolve: resolve))
        }
    }

    /// The cause AWS gives when a Choice Rule's path finds nothing.
    static func invalidPath(_ path: String) -> StatesError {
        .runtime("Invalid path '\(path)': The choice state's condition path references an invalid value.")
    }

    private static func operandValue(
        _ operand: ComparisonOperand,
        resolve: (String) throws(StatesError) -> JSONValue?
    ) throws(StatesError) -> JSONValue {
        switch operand {
        case .literal(let value):
            return value
        case .path(let path):
            guard let value = try resolve(path) else { throw invalidPath(path) }
            return value
        }
    }

    private static func compare(_ value: JSONValue, _ op: ComparisonOperator, _ operand: JSONValue) -> Bool {
        switch op.family {
        case .typeTest:
            guard let expected = operand.boolValue else { return false }
            return typeTest(value, op) == expected
        case .boolean:
            guard let a = value.boolValue, let b = operand.boolValue else { return false }
            return a == b
        case .pattern:
            guard let text = value.stringValue, let pattern = operand.stringValue else { return false }
            return StringMatcher(pattern: pattern).matches(text)
        case .string:
            guard let a = value.stringValue, let b = operand.stringValue else { return false }
            return holds(op, compareUTF16(a, b))
        case .numeric:
            guard let order = compareNumbers(value, operand) else { return false }
            return holds(op, order)
        case .timestamp:
            guard let a = value.stringValue.flatMap(Timestamp.parse),
                let b = operand.stringValue.flatMap(Timestamp.parse)
            else { return false }
            return holds(op, a < b ? -1 : (a == b ? 0 : 1))
        }
    }

    private static func typeTest(_ value: JSONValue, _ op: ComparisonOperator) -> Bool {
        switch op {
        case .isNull: value.isNull
        case .isNumeric: value.isNumber
        case .isString: value.stringValue != nil
        case .isBoolean: value.boolValue != nil
        case .isTimestamp: value.stringValue.flatMap(Timestamp.parse) != nil
        // IsPresent is settled before the value is needed; any value that got here is present.
        default: true
        }
    }

    /// Whether an ordering (-1, 0, 1 for less, equal, greater) satisfies the operator's relation.
    private static func holds(_ op: ComparisonOperator, _ order: Int) -> Bool {
        switch op {
        case .stringEquals, .numericEquals, .timestampEquals: order == 0
        case .stringLessThan, .numericLessThan, .timestampLessThan: order < 0
        case .stringGreaterThan, .numericGreaterThan, .timestampGreaterThan: order > 0
        case .stringLessThanEquals, .numericLessThanEquals, .timestampLessThanEquals: order <= 0
        case .stringGreaterThanEquals, .numericGreaterThanEquals, .timestampGreaterThanEquals: order >= 0
        default: false
        }
    }

    /// Java's `String.compareTo`: code unit by code unit, so no Unicode normalization and no grapheme clustering.
    private static func compareUTF16(_ a: String, _ b: String) -> Int {
        var left = a.utf16.makeIterator()
        var right = b.utf16.makeIterator()
        while true {
            switch (left.next(), right.next()) {
            case (nil, nil): return 0
            case (nil, _): return -1
            case (_, nil): return 1
            case (let x?, let y?) where x != y: return x < y ? -1 : 1
            default: continue
            }
        }
    }

    /// Numeric order by value; integers compare exactly so large ones do not collapse when widened to Double.
    private static func compareNumbers(_ a: JSONValue, _ b: JSONValue) -> Int? {
        if case .int(let x) = a, case .int(let y) = b { return x < y ? -1 : (x == y ? 0 : 1) }
        guard let x = a.doubleValue, let y = b.doubleValue else { return nil }
        return x < y ? -1 : (x == y ? 0 : 1)
    }
}
