extension EventPatternCompiler {
    /// The kinds of operand `anything-but` takes.
    private enum AnythingButKind {
        case values
        case ignoringCase
        case prefix
        case suffix
        case wildcard

        /// event-ruler's complaint about a non-string inside this kind.
        var notAStringMessage: String {
            switch self {
            case .ignoringCase:
                "Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported."
            case .wildcard: "wildcard match pattern must be a string"
            case .prefix, .suffix, .values: "prefix/suffix match pattern must be a string"
            }
        }
    }

    /// `{"anything-but": value | [values] | {"prefix" | "suffix" | "equals-ignore-case" | "wildcard": ...}}`.
    mutating func readAnythingBut() throws(PatternError) -> EventValueMatcher {
        var kind = AnythingButKind.values
        var token = try source.next()
        if token == .startObject {
            guard case .fieldName(let name) = try source.next() else {
                throw .invalidEventPattern("Anything-But expression name not found")
            }
            switch name {
            case "equals-ignore-case": kind = .ignoringCase
            case "prefix": kind = .prefix
            case "suffix": kind = .suffix
            case "wildcard": kind = .wildcard
            default: throw .invalidEventPattern("Unsupported anything-but pattern: \(name)")
            }
            token = try source.next()
        }
        switch token {
        case .startArray, .string, .number: break
        default:
            throw .invalidEventPattern("Value of anything-but must be an array or single string/number value.")
        }
        let operand: AnythingButOperand
        if kind == .values {
            operand = token == .startArray ? try readAnythingButList() : try anythingButValue(token)
        } else {
            var strings: [String] = []
            if token == .startArray {
                while true {
                    let element = try source.next()
                    if element == .endArray { break }
                    strings.append(try anythingButString(element, kind: kind))
                }
            } else {
                strings.append(try anythingButString(token, kind: kind))
            }
            operand = try anythingButSet(strings, kind: kind)
        }
        // event-ruler checks both closing braces with its numeric wording.
        guard try source.next() == .endObject else {
            throw .invalidEventPattern("Too many elements in numeric expression")
        }
        if kind != .values, try source.next() != .endObject {
            throw .invalidEventPattern("Too many elements in numeric expression")
        }
        return .anythingBut(operand)
    }

    /// `[...]` after a plain anything-but: all strings or all numbers.
    private mutating func readAnythingButList() throws(PatternError) -> AnythingButOperand {
        var strings: [String] = []
        var numbers: [ComparableNumber] = []
        while true {
            switch try source.next() {
            case .endArray:
                if strings.isEmpty == numbers.isEmpty {
                    throw .invalidEventPattern(
                        "Inside anything but list, either all values are number or string, mixed type is not supported"
                    )
                }
                return strings.isEmpty ? .numbers(numbers) : .strings(strings)
            case .string(let string):
                strings.append(string)
            case .number(let text):
                do {
                    numbers.append(try ComparableNumber(text: text))
                } catch {
                    throw .invalidEventPattern(error.message)
                }
            default:
                throw .invalidEventPattern("Inside anything but list, start|null|boolean is not supported.")
            }
        }
    }

    private func anythingButValue(_ token: EventPatternToken) throws(PatternError) -> AnythingButOperand {
        switch token {
        case .string(let string):
            return .strings([string])
        case .number(let text):
            do {
                return .numbers([try ComparableNumber(text: text)])
            } catch {
                throw .invalidEventPattern(error.message)
            }
        default:
            throw .invalidEventPattern("Inside anything-but list, start|null|boolean is not supported.")
        }
    }

    private func anythingButString(_ token: EventPatternToken, kind: AnythingButKind) throws(PatternError) -> String {
        guard case .string(let string) = token else { throw .invalidEventPattern(kind.notAStringMessage) }
        if kind == .prefix || kind == .suffix, string.isEmpty {
            throw .invalidEventPattern("Null prefix/suffix not allowed")
        }
        return string
    }

    private func anythingButSet(_ strings: [String], kind: AnythingButKind) throws(PatternError) -> AnythingButOperand {
        switch kind {
        case .values: return .strings(strings)
        case .ignoringCase: return .ignoringCase(strings.map(CaseInsensitivePattern.init))
        case .prefix: return .prefixes(strings.map { Array($0.utf8) })
        case .suffix: return .suffixes(strings.map { Array($0.utf8) })
        case .wildcard:
            var patterns: [WildcardPattern] = []
            for string in strings {
                do {
                    patterns.append(try WildcardPattern(string))
                } catch {
                    throw .invalidEventPattern(error.message)
                }
            }
            return .wildcards(patterns)
        }
    }
}
