import GRDB

/// One point of a function's graph: a second (or, rolled up, a minute) of what it did. Durations in milliseconds;
/// nil when no invocation ended in it.
package struct FunctionSample: Sendable, Hashable {
    package var function: String
    /// Unix seconds: the second's start, or the minute's.
    package var t: Int
    /// The most invocations running at once (Lambda's `ConcurrentExecutions`, a maximum over the period).
    package var concurrent: Int
    package var invocations: Int
    package var errors: Int
    package var throttles: Int
    package var durationP50: Double?
    package var durationP99: Double?

    package init(
        function: String,
        t: Int,
        concurrent: Int,
        invocations: Int,
        errors: Int,
        throttles: Int,
        durationP50: Double?,
        durationP99: Double?
    ) {
        self.function = function
        self.t = t
        self.concurrent = concurrent
        self.invocations = invocations
        self.errors = errors
        self.throttles = throttles
        self.durationP50 = durationP50
        self.durationP99 = durationP99
    }

    static let columns = "function, t, concurrent, invocations, errors, throttles, durationP50, durationP99"

    init(row: Row) {
        self.init(
            function: row["function"],
            t: row["t"],
            concurrent: row["concurrent"],
            invocations: row["invocations"],
            errors: row["errors"],
            throttles: row["throttles"],
            durationP50: row["durationP50"],
            durationP99: row["durationP99"]
        )
    }

    var arguments: StatementArguments {
        [function, t, concurrent, invocations, errors, throttles, durationP50, durationP99]
    }
}
