/// Work taken from a stream and carried out concurrently, at most `limit` at once: what is not started yet waits in
/// the stream (a value each), not as a task of its own (several KiB each), so a backlog costs little memory.
enum BoundedWork {
    /// Runs `body` for each element of `elements` until the stream ends, at most `limit` at once; returns when all
    /// have finished. `alongside` runs in the same group, outside the count.
    static func forEach<Element: Sendable>(
        _ elements: AsyncStream<Element>,
        limit: Int,
        alongside: (@Sendable () async -> Void)? = nil,
        _ body: @escaping @Sendable (Element) async -> Void
    ) async {
        await withTaskGroup(of: Bool.self) { group in
            if let alongside {
                group.addTask {
                    await alongside()
                    return false
                }
            }
            var inFlight = 0
            for await element in elements {
                while inFlight >= limit, let counted = await group.next() {
                    if counted { inFlight -= 1 }
                }
                group.addTask {
                    await body(element)
                    return true
                }
                inFlight += 1
            }
        }
    }
}
