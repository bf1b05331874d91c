/// An `equals-ignore-case` operand (also used under `prefix`, `suffix` and `anything-but`).
///
/// event-ruler folds case one Java `char` (UTF-16 unit) at a time: each unit of the operand may appear in the event
/// as its lower-case or its upper-case form, compared as UTF-8 bytes. That is not Unicode caseless matching: "ß"
/// accepts "ß" and "SS" but not "ss", and characters outside the Basic Multilingual Plane match only themselves.
package struct CaseInsensitivePattern: Hashable, Sendable {
    /// For each unit of the operand, the byte strings the event may show there.
    private let units: [[[UInt8]]]
    /// The same with units and bytes reversed, for matching at the end of a value.
    private let reversedUnits: [[[UInt8]]]
    /// Lower/upper byte pairs when every alternative is one ASCII byte: the common case, compared directly.
    private let asciiPairs: [(UInt8, UInt8)]?

    /// Prepares an operand (the text after `equals-ignore-case`).
    package init(_ operand: String) {
        var units: [[[UInt8]]] = []
        for scalar in operand.unicodeScalars {
            let exact = Array(String(scalar).utf8)
            guard scalar.value <= 0xFFFF else {
                units.append([exact])
                continue
            }
            var forms: [[UInt8]] = []
            for form in [Array(String(scalar).lowercased().utf8), Array(String(scalar).uppercased().utf8)]
            where !forms.contains(form) {
                forms.append(form)
            }
            units.append(forms)
        }
        self.units = units
        reversedUnits = units.reversed().map { forms in forms.map { Array($0.reversed()) } }
        var pairs: [(UInt8, UInt8)] = []
        for forms in units {
            guard forms.allSatisfy({ $0.count == 1 && $0[0] < 0x80 }) else {
                asciiPairs = nil
                return
            }
            pairs.append((forms[0][0], forms[forms.count - 1][0]))
        }
        asciiPairs = pairs
    }

    /// Operands are equal when they accept the same values.
    package static func == (lhs: CaseInsensitivePattern, rhs: CaseInsensitivePattern) -> Bool {
        lhs.units == rhs.units
    }

    /// Hashes what `==` compares.
    package func hash(into hasher: inout Hasher) {
        hasher.combine(units)
    }

    /// Whether `value` is exactly the operand, up to case.
    package func matchesWhole(_ value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            if let pairs = asciiPairs {
                return bytes.count == pairs.count && Self.matchesASCII(pairs, bytes, fromEnd: false)
            }
            return ends(of: bytes, reversed: false).contains(bytes.count)
        }
    }

    /// Whether `value` starts with the operand, up to case.
    package func isPrefix(of value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            if let pairs = asciiPairs {
                return bytes.count >= pairs.count && Self.matchesASCII(pairs, bytes, fromEnd: false)
            }
            return !ends(of: bytes, reversed: false).isEmpty
        }
    }

    /// Whether `value` ends with the operand, up to case.
    package func isSuffix(of value: String) -> Bool {
        var value = value
        return value.withUTF8 { bytes in
            if let pairs = asciiPairs {
                return bytes.count >= pairs.count && Self.matchesASCII(pairs, bytes, fromEnd: true)
            }
            return !ends(of: bytes, reversed: true).isEmpty
        }
    }

    /// Compares the operand's ASCII units with the first (or last) bytes of the value, which must be long enough.
    private static func matchesASCII(
        _ pairs: [(UInt8, UInt8)],
        _ bytes: UnsafeBufferPointer<UInt8>,
        fromEnd: Bool
    ) -> Bool {
        let offset = fromEnd ? bytes.count - pairs.count : 0
        for (n, (lower, upper)) in pairs.enumerated() {
            let byte = bytes[offset + n]
            guard byte == lower || byte == upper else { return false }
        }
        return true
    }

    /// The byte offsets at which the operand can finish when matched from the start (or, reversed, from the end).
    private func ends(of bytes: UnsafeBufferPointer<UInt8>, reversed: Bool) -> [Int] {
        // Alternatives may differ in length ("ß" / "SS"), so track every position a partial match can be at.
        var positions: [Int] = [0]
        for forms in reversed ? reversedUnits : units {
            var next: [Int] = []
            for position in positions {
                for form in forms where position + form.count <= bytes.count {
                    var k = 0
                    while k < form.count, bytes[reversed ? bytes.count - 1 - position - k : position + k] == form[k] {
                        k += 1
                    }
                    if k == form.count, !next.contains(position + form.count) { next.append(position + form.count) }
                }
            }
            if next.isEmpty { return [] }
            positions = next
        }
        return positions
    }
}
