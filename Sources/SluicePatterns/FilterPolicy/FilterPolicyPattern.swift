import SluiceJSON

/// One element of a policy field's array: a condition a single message value can meet.
///
/// Strings compare as UTF-8 bytes, as AWS does (so a precomposed "é" is not its decomposed spelling).
enum FilterPolicyPattern: Sendable, Equatable {
    case exactString(String)
    /// A string that is an IP address literal matches any spelling of the same address.
    case exactAddress([UInt8])
    case exactNumber(FilterPolicyNumber)
    /// `null`, `true` or `false`.
    case exactLiteral(JSONValue)
    case prefix(String)
    case suffix(String)
    case equalsIgnoreCase(String)
    /// Every excluded value is a string, or every one is a number.
    case anythingBut(strings: [String], numbers: [FilterPolicyNumber])
    case anythingButPrefix(String)
    case numeric(FilterPolicyNumericRange)
    case cidr(FilterPolicyCIDR)
    /// Decided by whether the field is present at all, not by a value (see `FilterPolicyBranch.matches`).
    case exists(Bool)

    /// Whether a present value (a string, number, boolean or null) meets the condition.
    func matches(_ value: JSONValue) -> Bool {
        switch self {
        case .exactString(let expected):
            guard case .string(let s) = value else { return false }
            return s.utf8.elementsEqual(expected.utf8)
        case .exactAddress(let expected):
            guard case .string(let s) = value else { return false }
            return FilterPolicyIPAddress.bytes(s) == expected
        case .exactNumber(let expected):
            guard let number = FilterPolicyNumber(value) else { return false }
            return expected.matches(number)
        case .exactLiteral(let expected):
            return value == expected
        case .prefix(let prefix):
            guard case .string(let s) = value else { return false }
            return s.utf8.starts(with: prefix.utf8)
        case .suffix(let suffix):
            guard case .string(let s) = value else { return false }
            return Self.hasSuffix(s, suffix)
        case .equalsIgnoreCase(let expected):
            guard case .string(let s) = value else { return false }
            return s.lowercased().utf8.elementsEqual(expected.lowercased().utf8)
        case .anythingBut(let strings, let numbers):
            // Anything but the listed values, including values of another type (AWS matches on the raw value).
            switch value {
            case .string(let s): return !strings.contains { $0.utf8.elementsEqual(s.utf8) }
            case .int, .double:
                guard let number = FilterPolicyNumber(value) else { return true }
                return !numbers.contains { $0.matches(number) }
            default: return true
            }
        case .anythingButPrefix(let prefix):
            guard case .string(let s) = value else { return true }
            return !s.utf8.starts(with: prefix.utf8)
        case .numeric(let range):
            guard let comparable = FilterPolicyNumber(value)?.comparable else { return false }
            return range.contains(comparable)
        case .cidr(let block):
            guard case .string(let s) = value, let address = FilterPolicyIPAddress.bytes(s) else { return false }
            return block.contains(address)
        case .exists(let mustExist):
            return mustExist
        }
    }

    private static func hasSuffix(_ s: String, _ suffix: String) -> Bool {
        let (text, tail) = (s.utf8, suffix.utf8)
        return text.count >= tail.count && text.suffix(tail.count).elementsEqual(tail)
    }
}
