/// Comparisons of secrets (signatures, tokens) that look at every byte, so that how long a comparison takes says
/// nothing about how much of a guess was right.
package enum ConstantTime {
    package static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in 0..<x.count { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
