/// Math.pow without Foundation: exact for integer exponents, exp/log otherwise.
enum MathPow {
    static func pow(_ x: Double, _ y: Double) -> Double {
        if y == 0 { return 1 }
        if x.isNaN || y.isNaN { return .nan }
        if y == y.rounded(), abs(y) < 1e9 {
            var result = 1.0
            var base = x
            var n = Int(abs(y))
            while n > 0 {
                if n & 1 == 1 { result *= base }
                base *= base
                n >>= 1
            }
            return y < 0 ? 1 / result : result
        }
        if x < 0 { return .nan }
        if y == 0.5 { return x.squareRoot() }
        return exp(y * log(x))
    }

    /// Natural logarithm by argument reduction and a series (accurate to a few ulps).
    static func log(_ x: Double) -> Double {
        if x <= 0 { return x == 0 ? -.infinity : .nan }
        if x.isInfinite { return x }
        let e = x.exponent
        let m = x.significand  // in [1, 2)
        let ln2 = 0.6931471805599453
        let t = (m - 1) / (m + 1)
        let t2 = t * t
        var term = t
        var sum = 0.0
        var k = 1.0
        for _ in 0..<40 {
            sum += term / k
            term *= t2
            k += 2
        }
        return 2 * sum + Double(e) * ln2
    }

    static func exp(_ x: Double) -> Double {
        if x > 709.8 { return .infinity }
        if x < -745.2 { return 0 }
        let ln2 = 0.6931471805599453
        let k = (x / ln2).rounded()
        let r = x - k * ln2
        var term = 1.0
        var sum = 1.0
        for i in 1..<30 {
            term *= r / Double(i)
            sum += term
        }
        return sum * MathPow.pow(2, k)
    }
}
