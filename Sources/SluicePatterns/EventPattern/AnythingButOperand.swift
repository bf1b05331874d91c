/// An `anything-but` operand: the values (or prefixes, suffixes, case-insensitive values, wildcards) a field's value
/// must avoid. Anything else passes, including null, booleans and numbers against string operands; only a missing
/// field fails, because there is then no value to test.
enum AnythingButOperand: Hashable, Sendable {
    case strings([String])
    case numbers([ComparableNumber])
    case prefixes([[UInt8]])
    case suffixes([[UInt8]])
    case ignoringCase([CaseInsensitivePattern])
    case wildcards([WildcardPattern])

    func admits(_ value: EventLeafView) -> Bool {
        switch self {
        case .numbers(let excluded):
            guard case .comparable(let number) = value else { return true }
            return !excluded.contains(number)
        case .strings, .prefixes, .suffixes, .ignoringCase, .wildcards:
            // String operands are quoted inside event-ruler, so they can only ever exclude string values.
            guard case .leaf(.string(let string)) = value else { return true }
            return !excludes(string)
        }
    }

    private func excludes(_ string: String) -> Bool {
        switch self {
        case .strings(let excluded):
            excluded.contains { $0.utf8.count == string.utf8.count && EventValueMatcher.sameBytes($0, string) }
        case .prefixes(let excluded): excluded.contains { string.utf8.starts(with: $0) }
        case .suffixes(let excluded): excluded.contains { string.utf8.reversed().starts(with: $0.reversed()) }
        case .ignoringCase(let excluded): excluded.contains { $0.matchesWhole(string) }
        case .wildcards(let excluded): excluded.contains { $0.matches(string) }
        case .numbers: false
        }
    }
}
