/// One alternative in a field's list: a literal, or one operator with its operand, compiled.
enum EventValueMatcher: Hashable, Sendable {
    case string(String)
    /// A number literal compared as written, for numbers with no comparable form.
    case number(Double)
    /// A number literal (or `numeric: ["=", n]`) compared by value.
    case numericEquals(ComparableNumber)
    case bool(Bool)
    case null
    case prefix([UInt8])
    case suffix([UInt8])
    case prefixIgnoringCase(CaseInsensitivePattern)
    case suffixIgnoringCase(CaseInsensitivePattern)
    case equalsIgnoringCase(CaseInsensitivePattern)
    case wildcard(WildcardPattern)
    case range(NumericRange)
    case address(IPRange)
    /// `exists: true`: any value at all, null included.
    case exists
    /// `exists: false`, which the branch matcher handles as the absence of the field.
    case absent
    case anythingBut(AnythingButOperand)

    /// Whether this alternative accepts the value.
    func matches(_ value: EventLeafView) -> Bool {
        switch self {
        case .exists:
            return true
        case .absent:
            return false
        case .anythingBut(let operand):
            return operand.admits(value)
        case .numericEquals(let expected):
            guard case .comparable(let number) = value else { return false }
            return number == expected
        case .range(let range):
            guard case .comparable(let number) = value else { return false }
            return range.contains(number)
        case .address(let range):
            guard case .address(let address) = value else { return false }
            return range.contains(address)
        case .number(let expected):
            guard case .leaf(.number(let number, _)) = value else { return false }
            return number == expected
        case .bool(let expected):
            guard case .leaf(.bool(let flag)) = value else { return false }
            return flag == expected
        case .null:
            guard case .leaf(.null) = value else { return false }
            return true
        case .string, .prefix, .suffix, .prefixIgnoringCase, .suffixIgnoringCase, .equalsIgnoringCase, .wildcard:
            guard case .leaf(.string(let string)) = value else { return false }
            return matches(string: string)
        }
    }

    private func matches(string: String) -> Bool {
        switch self {
        case .string(let expected):
            // Bytes, not Swift's canonical equivalence: "é" and "e\u{301}" are different values to EventBridge.
            return string.utf8.count == expected.utf8.count && Self.sameBytes(string, expected)
        case .prefix(let bytes):
            return string.utf8.starts(with: bytes)
        case .suffix(let bytes):
            let utf8 = string.utf8
            return utf8.count >= bytes.count && utf8.suffix(bytes.count).elementsEqual(bytes)
        case .prefixIgnoringCase(let pattern):
            return pattern.isPrefix(of: string)
        case .suffixIgnoringCase(let pattern):
            return pattern.isSuffix(of: string)
        case .equalsIgnoringCase(let pattern):
            return pattern.matchesWhole(string)
        case .wildcard(let pattern):
            return pattern.matches(string)
        default:
            return false
        }
    }

    /// Byte equality of two strings, through their contiguous UTF-8 storage.
    static func sameBytes(_ a: String, _ b: String) -> Bool {
        var a = a
        var b = b
        return a.withUTF8 { left in b.withUTF8 { right in left.elementsEqual(right) } }
    }

    /// Whether this alternative makes event-ruler read the field's numbers as comparable numbers.
    var comparesNumbers: Bool {
        switch self {
        case .numericEquals, .range, .anythingBut(.numbers): true
        default: false
        }
    }

    /// Whether this alternative makes event-ruler read the field's strings as IP addresses.
    var comparesAddresses: Bool {
        if case .address = self { return true }
        return false
    }
}
