/// Invocations waiting for a slot or an agent, in arrival order: joined at the back, served from the front in
/// constant time (an array's `removeFirst` moves every waiter behind: 1,000 of them with 1,000 agents), and left
/// from anywhere when cancelled.
struct WaitQueue<Element> {
    /// Served slots are nil until the front is trimmed, so a served waiter is released at once.
    private var slots: [Element?] = []
    private var front = 0

    var count: Int { slots.count - front }
    var isEmpty: Bool { front == slots.count }

    mutating func append(_ element: Element) { slots.append(element) }

    /// The longest waiter, taken out of the queue.
    mutating func popFirst() -> Element? {
        guard front < slots.count else { return nil }
        defer {
            slots[front] = nil
            front += 1
            trim()
        }
        return slots[front]
    }

    /// The first waiter matching `matches`, taken out of the queue (a cancelled waiter leaves its place).
    mutating func remove(where matches: (Element) -> Bool) -> Element? {
        guard let index = slots[front...].firstIndex(where: { $0.map(matches) ?? false }) else { return nil }
        return slots.remove(at: index)
    }

    /// Drops the served slots once they are half the storage: each waiter is moved once on average.
    private mutating func trim() {
        if front == slots.count {
            slots.removeAll(keepingCapacity: true)
            front = 0
        } else if front >= 64, front * 2 >= slots.count {
            slots.removeFirst(front)
            front = 0
        }
    }
}

extension WaitQueue: Sendable where Element: Sendable {}
