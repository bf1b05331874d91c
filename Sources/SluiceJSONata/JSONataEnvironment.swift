/// What an evaluation may depend on besides its input: the clock, the random source, and the limits.
package struct JSONataEnvironment: Sendable {
    /// `$now()` / `$millis()`: milliseconds since the epoch, fixed for one evaluation.
    package var now: Double = 0
    /// `$random()` and `$shuffle()`; nil uses the system's generator.
    package var randomSource: (@Sendable () -> Double)? = nil
    /// Nesting of evaluation steps (jsonata-js's own suite runs its deepest case, a non-tail-recursive
    /// factorial of 99, under 302).
    package var maxDepth: Int = 1000
    /// Stack the evaluation may use below its start, in bytes: keeps it inside a 512 KB thread stack. Raise it
    /// on a thread known to have more (the CLI runs on the main thread's 8 MB).
    package var maxStackBytes: Int = 300 * 1024
    /// Total evaluation steps before the evaluation is stopped (U1001).
    package var maxSteps: Int = 10_000_000

    package init(
        now: Double = 0,
        randomSource: (@Sendable () -> Double)? = nil,
        maxDepth: Int = 1000,
        maxSteps: Int = 10_000_000,
        maxStackBytes: Int = 300 * 1024
    ) {
        self.maxStackBytes = maxStackBytes
        self.now = now
        self.randomSource = randomSource
        self.maxDepth = maxDepth
        self.maxSteps = maxSteps
    }
}
