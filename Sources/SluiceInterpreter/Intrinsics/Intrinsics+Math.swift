import SluiceASL
import SluiceJSON

extension IntrinsicEvaluator {
    /// `States.MathAdd(a, b)`: the integer sum; decimal arguments are first rounded half up (1.5 + 1.5 is 4).
    static func mathAdd(_ arguments: Arguments) throws(StatesError) -> JSONValue {
        let left = try arguments.integer(0)
        let right = try arguments.integer(1)
        let (sum, overflow) = left.addingReportingOverflow(right)
        guard !overflow else { throw arguments.failure("the sum of \(left) and \(right) is out of the integer range") }
        return .int(sum)
    }

    /// `States.MathRandom(start, end[, seed])`: an integer from `start` (included) to `end` (excluded).
    ///
    /// Unseeded draws come from the execution's generator so a replayed execution draws the same numbers; a seeded
    /// draw runs Java's `java.util.Random` from that seed, so the same seed always gives the same number.
    static func mathRandom<R: RandomNumberGenerator>(
        _ arguments: Arguments,
        random: inout R
    ) throws(StatesError) -> JSONValue {
        let start = try arguments.integer(0)
        let end = try arguments.integer(1)
        let seed = arguments.count > 2 ? try arguments.integer(2) : nil
        guard start <= end else {
            throw arguments.failure("the start number \(start) must not be greater than the end number \(end)")
        }
        guard start < end else { return .int(start) }
        let (span, overflow) = end.subtractingReportingOverflow(start)
        guard !overflow else { throw arguments.failure("the range from \(start) to \(end) is too large") }
        guard let seed else { return .int(Int.random(in: start..<end, using: &random)) }
        var generator = JavaRandom(seed: Int64(seed))
        return .int(start + Int(generator.nextInt(below: Int64(span))))
    }
}

/// `java.util.Random`'s 48-bit linear congruential generator, so seeded `States.MathRandom` calls give the numbers a
/// Java runtime gives for the same seed.
struct JavaRandom {
    private static let multiplier: Int64 = 0x5_DEEC_E66D
    private static let mask: Int64 = (1 << 48) - 1
    private var state: Int64

    init(seed: Int64) {
        state = (seed ^ Self.multiplier) & Self.mask
    }

    /// The next `bits` random bits, as `Random.next(int)`.
    private mutating func next(_ bits: Int64) -> Int32 {
        state = (state &* Self.multiplier &+ 0xB) & Self.mask
        return Int32(truncatingIfNeeded: state >> (48 - bits))
    }

    /// A uniform value in `0..<bound`: `Random.nextInt(int)` for bounds that fit an int, otherwise the same
    /// rejection scheme over 63-bit draws (`Random.nextLong` halves), so every bound is uniform.
    mutating func nextInt(below bound: Int64) -> Int64 {
        if bound <= Int64(Int32.max) {
            let bound32 = Int32(bound)
            var draw = next(31)
            let limit = bound32 &- 1
            if bound32 & limit == 0 {
                return (Int64(bound32) &* Int64(draw)) >> 31
            }
            var value = draw % bound32
            // Java's overflow test: reject the draw when it falls in the last, incomplete stretch of the range.
            while draw &- value &+ limit < 0 {
                draw = next(31)
                value = draw % bound32
            }
            return Int64(value)
        }
        while true {
            let wide = (Int64(next(32)) << 32 &+ Int64(next(32))) & Int64.max
            let value = wide % bound
            if wide &- value &+ (bound &- 1) >= 0 { return value }
        }
    }
}
