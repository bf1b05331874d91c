/// The exact decimal expansion of a finite, non-negative `Double`.
///
/// `Number.prototype.toFixed` and `toPrecision` are specified on the exact mathematical value of the double
/// (not on its shortest round-trip digits), so they need every digit: the value is `0.d1d2d3… × 10^point`.
/// Every binary fraction has a finite decimal expansion (m × 2^-k = m × 5^k / 10^k), so this is exact.
struct ExactDecimal {
    /// Decimal digits (0...9), most significant first, without leading or trailing zeros; empty for zero.
    var digits: [UInt8]
    /// Value = 0.digits × 10^point.
    var point: Int

    /// Digits already known (rounding a decimal string rather than a double).
    init(digits: [UInt8], point: Int) {
        self.digits = digits
        self.point = point
    }

    init(_ value: Double) {
        precondition(value.isFinite && value >= 0)
        if value == 0 {
            digits = []
            point = 0
            return
        }
        // value = significand × 2^exponent with an integral significand below 2^53.
        let significand = value.significandBitPattern | (value.isNormal ? 1 << 52 : 0)
        let exponent = (value.isNormal ? Int(value.exponentBitPattern) : 1) - 1075
        var big = BaseBillion(significand)
        if exponent >= 0 {
            big.multiply(byPowerOf: 2, exponent)
        } else {
            big.multiply(byPowerOf: 5, -exponent)
        }
        var all = big.decimalDigits()
        let leadingPoint = all.count + min(exponent, 0)
        while all.last == 0 { all.removeLast() }
        digits = all
        point = leadingPoint
    }

    /// The digits rounded half-up to `count` significant digits (the rule both toFixed and toPrecision use:
    /// "if there are two such n, pick the larger n"); returns the digits (exactly `count` of them, count ≥ 0)
    /// and the point, which moves up by one when rounding carries out of the first digit.
    func roundedSignificant(_ count: Int) -> (digits: [UInt8], point: Int) {
        if count <= 0 {
            // Only the carry can survive: 0.5 × 10^point and above rounds up to 1 × 10^point.
            let roundsUp = !digits.isEmpty && digits[0] >= 5 && count == 0
            return roundsUp ? ([1], point + 1) : ([], point)
        }
        var kept = Array(digits.prefix(count))
        kept += [UInt8](repeating: 0, count: count - kept.count)
        guard count < digits.count, digits[count] >= 5 else { return (kept, point) }
        var index = count - 1
        while index >= 0 {
            if kept[index] == 9 {
                kept[index] = 0
                index -= 1
            } else {
                kept[index] += 1
                return (kept, point)
            }
        }
        // Every kept digit was 9: the value became 10^point.
        return ([1] + kept.dropLast(), point + 1)
    }
}

extension ExactDecimal {
    /// A little unsigned big integer in base 10^9, just enough to expand a double exactly.
    private struct BaseBillion {
        /// Limbs, least significant first, each below 10^9.
        var limbs: [UInt64]

        init(_ value: UInt64) {
            limbs = []
            var rest = value
            repeat {
                limbs.append(rest % 1_000_000_000)
                rest /= 1_000_000_000
            } while rest > 0
        }

        /// Multiplies by base^power in chunks that keep every limb product within UInt64.
        mutating func multiply(byPowerOf base: UInt64, _ power: Int) {
            let chunk = base == 2 ? 31 : 13  // 2^31 and 5^13 are both below 2^32
            var remaining = power
            while remaining > 0 {
                let step = min(chunk, remaining)
                var factor: UInt64 = 1
                for _ in 0..<step { factor *= base }
                multiply(by: factor)
                remaining -= step
            }
        }

        private mutating func multiply(by factor: UInt64) {
            var carry: UInt64 = 0
            for index in limbs.indices {
                let product = limbs[index] * factor + carry
                limbs[index] = product % 1_000_000_000
                carry = product / 1_000_000_000
            }
            while carry > 0 {
                limbs.append(carry % 1_000_000_000)
                carry /= 1_000_000_000
            }
        }

        func decimalDigits() -> [UInt8] {
            var out: [UInt8] = []
            for (position, limb) in limbs.reversed().enumerated() {
                var chunk = [UInt8](repeating: 0, count: 9)
                var rest = limb
                for index in stride(from: 8, through: 0, by: -1) {
                    chunk[index] = UInt8(rest % 10)
                    rest /= 10
                }
                if position == 0 {
                    // The most significant limb carries no leading zeros.
                    out += chunk.drop { $0 == 0 }
                } else {
                    out += chunk
                }
            }
            return out
        }
    }
}
