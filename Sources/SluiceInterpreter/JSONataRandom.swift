import SluiceASL
import Synchronization

/// The execution's generator handed to JSONata's `$random` and `$uuid`: drawn from the persisted state, so a replayed
/// evaluation draws the same numbers.
final class JSONataRandom: Sendable {
    private let generator: Mutex<SplitMix64>

    init(_ generator: SplitMix64) { self.generator = Mutex(generator) }

    /// A number in [0, 1) with 53 random bits, as JavaScript's Math.random gives.
    func nextDouble() -> Double {
        generator.withLock { Double($0.next() >> 11) * 0x1.0p-53 }
    }

    func withGenerator<T>(_ body: (inout SplitMix64) throws(StatesError) -> T) throws(StatesError) -> T {
        try generator.withLock { (g: inout SplitMix64) throws(StatesError) -> T in try body(&g) }
    }
}
