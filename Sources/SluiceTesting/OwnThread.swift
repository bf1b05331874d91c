import Foundation

/// Runs blocking work (a child process waited for, a pipe read to its end) on a thread of its own and awaits it.
/// On the concurrency pool's few threads (one per core) it could block the very tasks of the in-process sluiced
/// it waits for.
package func onOwnThread<Result: Sendable>(
    _ work: @escaping @Sendable () throws -> Result
) async throws -> Result {
    try await withCheckedThrowingContinuation { continuation in
        let thread = Thread {
            continuation.resume(with: Swift.Result { try work() })
        }
        thread.start()
    }
}
