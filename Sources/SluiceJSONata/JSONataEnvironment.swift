/// What an evaluation may depend on besides its input: the clock, the random source, and the limits.
///
/// The limits keep a runaway expression (recursion without end, `[1..10000000]`, a string doubled forty times)
/// from crashing or exhausting the process: it ends in an error instead.
/// - U1001: too deep (stack) or too long (steps, time), as jsonata-js words it.
/// - U1002: a string longer than `maxStringLength` (jsonata-js fails there with V8's RangeError "Invalid string
///   length", past 2^29 - 24 characters).
/// - U1003: an array or sequence longer than `maxArrayLength`.
/// - U1004: more than `maxAllocation` units allocated by strings and arrays over the whole evaluation.
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
    /// Asked every 1024 steps whether the evaluation has run out of time (U1001); nil for steps alone. The module
    /// reads no clock: a caller that wants a time limit (the CLI) brings one. sluice's executions do not, so an
    /// expression replayed from the journal ends the way it ended the first time, whatever the machine's speed.
    package var outOfTime: (@Sendable () -> Bool)? = nil
    /// Longest string an operator or function may build, in UTF-8 bytes (V8's limit by default).
    package var maxStringLength: Int = (1 << 29) - 24
    /// Longest array or sequence a range, `$append` or another function may build.
    package var maxArrayLength: Int = 10_000_000
    /// Strings (one unit a UTF-8 byte) and arrays (16 units an item) built over the whole evaluation: a bound on
    /// its memory that per-value limits alone do not give (many values each under them).
    package var maxAllocation: Int = 1 << 30

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
