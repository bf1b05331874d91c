import Foundation

/// A condition a test waited for that did not come true in time; says which.
package struct WaitTimeout: Error, CustomStringConvertible {
    package let what: String
    package let after: Duration

    package var description: String { "waited \(after) for \(what)" }
}

/// Waits until `condition` holds, looking every `every`; throws WaitTimeout after `within`. What a test waits for
/// is observable state (a file, a row of sluice.db, a log line), never a fixed sleep: a slow machine only makes
/// the wait longer, never the test vacuous. Under a sanitizer (`Sanitizer.slowdown`) the wait is longer still.
package func eventually(
    _ what: String,
    within: Duration = .seconds(30),
    every: Duration = .milliseconds(20),
    _ condition: () async throws -> Bool
) async throws {
    let clock = ContinuousClock()
    let within = within * Sanitizer.slowdown
    let deadline = clock.now + within
    while try await !condition() {
        guard clock.now < deadline else { throw WaitTimeout(what: what, after: within) }
        try await Task.sleep(for: every)
    }
}
