import SluiceASL
import SluiceJSON

extension IntrinsicEvaluator {
    /// `States.ArrayRange` refuses to build more items than this (AWS's documented limit).
    static let maximumRangeItems = 1000

    /// `States.ArrayPartition(array, chunkSize)`: consecutive chunks of `chunkSize` items, the last one shorter.
    static func arrayPartition(_ arguments: Arguments) throws(StatesError) -> JSONValue {
        let items = try arguments.array(0)
        let size = try arguments.integer(1)
        guard size > 0 else {
            throw arguments.failure("the chunk size (argument 2) must be a non-zero positive integer, but was \(size)")
        }
        var chunks: [JSONValue] = []
        chunks.reserveCapacity((items.count + size - 1) / size)
        var start = 0
        while start < items.count {
            let end = items.count - start > size ? start + size : items.count
            chunks.append(.array(Array(items[start..<end])))
            start = end
        }
        return .array(chunks)
    }

    /// `States.ArrayContains(array, value)`: whether an item equals `value`.
    static func arrayContains(_ arguments: Arguments) throws(StatesError) -> JSONValue {
        let items = try arguments.array(0)
        let wanted = StrictJSON(arguments[1])
        return .bool(items.contains { StrictJSON($0) == wanted })
    }

    /// `States.ArrayRange(first, last, step)`: `first`, `first + step`, … up to and including `last`.
    static func arrayRange(_ arguments: Arguments) throws(StatesError) -> JSONValue {
        let first = try arguments.integer(0)
        let last = try arguments.integer(1)
        let step = try arguments.integer(2)
        guard step != 0 else { throw arguments.failure("the step (argument 3) must be a non-zero integer") }
        // The count is worked out in unsigned arithmetic: the distance between two Ints always fits 64 bits.
        let count: UInt
        if step > 0 {
            count = last < first ? 0 : UInt(bitPattern: last &- first) / step.magnitude + 1
        } else {
            count = first < last ? 0 : UInt(bitPattern: first &- last) / step.magnitude + 1
        }
        guard count <= UInt(maximumRangeItems) else {
            throw arguments.failure(
                "the range would have \(count) items; arrays cannot contain more than \(maximumRangeItems) items"
            )
        }
        var values: [JSONValue] = []
        values.reserveCapacity(Int(count))
        var current = first
        for _ in 0..<count {
            values.append(.int(current))
            current = current &+ step
        }
        return .array(values)
    }

    /// `States.ArrayGetItem(array, index)`: the item at a zero-based index.
    static func arrayGetItem(_ arguments: Arguments) throws(StatesError) -> JSONValue {
        let items = try arguments.array(0)
        let index = try arguments.integer(1)
        guard index >= 0, index < items.count else {
            throw arguments.failure("index \(index) is out of bounds for an array of \(items.count) items")
        }
        return items[index]
    }

    /// `States.ArrayLength(array)`.
    static func arrayLength(_ arguments: Arguments) throws(StatesError) -> JSONValue {
        .int(try arguments.array(0).count)
    }

    /// `States.ArrayUnique(array)`: the array without repeated items, first occurrences kept in order.
    static func arrayUnique(_ arguments: Arguments) throws(StatesError) -> JSONValue {
        let items = try arguments.array(0)
        var seen = Set<StrictJSON>()
        var unique: [JSONValue] = []
        for item in items where seen.insert(StrictJSON(item)).inserted { unique.append(item) }
        return .array(unique)
    }
}

/// JSON equality as Step Functions' Java runtime sees it: an integer and a decimal are different values even when
/// numerically equal (`Integer(1)` does not equal `Double(1.0)`), unlike `JSONValue`'s own numeric equality.
/// Object key order still does not matter.
struct StrictJSON: Hashable {
    let value: JSONValue

    init(_ value: JSONValue) { self.value = value }

    static func == (lhs: StrictJSON, rhs: StrictJSON) -> Bool { equal(lhs.value, rhs.value) }

    private static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.double(let a), .double(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { equal($0, $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a.entries {
                guard let other = b[key], equal(value, other) else { return false }
            }
            return true
        default: return false
        }
    }

    func hash(into hasher: inout Hasher) { Self.combine(value, into: &hasher) }

    private static func combine(_ value: JSONValue, into hasher: inout Hasher) {
        switch value {
        case .null: hasher.combine(0)
        case .bool(let flag):
            hasher.combine(1)
            hasher.combine(flag)
        case .int(let number):
            hasher.combine(2)
            hasher.combine(number)
        case .double(let number):
            hasher.combine(3)
            hasher.combine(number)
        case .string(let text):
            hasher.combine(4)
            hasher.combine(text)
        case .array(let items):
            hasher.combine(5)
            hasher.combine(items.count)
            for item in items { combine(item, into: &hasher) }
        case .object(let object):
            // Order-independent: per-entry hashes summed, matching the order-free equality above.
            hasher.combine(6)
            var sum = 0
            for (key, member) in object.entries {
                var entry = Hasher()
                entry.combine(key)
                combine(member, into: &entry)
                sum = sum &+ entry.finalize()
            }
            hasher.combine(object.count)
            hasher.combine(sum)
        }
    }
}
