/// One function as the overview shows it now: its concurrency and settings, and its counts since sluiced started.
package struct FunctionLive: Sendable, Hashable {
    package var name: String
    /// Invocations running now (Lambda's `ConcurrentExecutions`, at this instant).
    package var concurrent: Int
    package var reservedConcurrency: Int?
    package var provisionedConcurrency: Int
    package var invocations: Int
    package var errors: Int
    /// Invocations that found the pool full and waited, or were turned away (ReservedConcurrency 0).
    package var throttles: Int
}
