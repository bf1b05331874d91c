/// A string as JavaScript sees it: a sequence of UTF-16 code units with `indexOf`, `substring`, `charAt`…
///
/// jsonata-js's `$formatNumber` works on the picture with these operations (and its options may be strings of
/// any length), so mirroring them unit for unit is the simplest way to behave identically.
struct JSText: Equatable {
    var units: [UInt16]

    init(_ string: String) { units = Array(string.utf16) }
    init(units: [UInt16]) { self.units = units }
    init<S: Sequence>(_ units: S) where S.Element == UInt16 { self.units = Array(units) }

    var string: String { String(decoding: units, as: UTF16.self) }
    var count: Int { units.count }
    var isEmpty: Bool { units.isEmpty }

    static func + (lhs: JSText, rhs: JSText) -> JSText { JSText(units: lhs.units + rhs.units) }

    /// `indexOf(search, from)`: -1 when absent.
    func indexOf(_ search: JSText, from start: Int = 0) -> Int {
        let first = min(max(start, 0), count)
        guard first <= count - search.count else { return -1 }
        for index in first...(count - search.count)
        where units[index..<(index + search.count)].elementsEqual(search.units) {
            return index
        }
        return -1
    }

    /// `lastIndexOf(search)`: -1 when absent.
    func lastIndexOf(_ search: JSText) -> Int {
        guard search.count <= count else { return -1 }
        for index in stride(from: count - search.count, through: 0, by: -1)
        where units[index..<(index + search.count)].elementsEqual(search.units) {
            return index
        }
        return -1
    }

    func contains(_ search: JSText) -> Bool { indexOf(search) != -1 }

    /// `substring(start, end)`: bounds clamped to the string and swapped when reversed.
    func substring(_ start: Int, _ end: Int? = nil) -> JSText {
        let a = min(max(start, 0), count)
        let b = min(max(end ?? count, 0), count)
        return JSText(units[min(a, b)..<max(a, b)])
    }

    /// `charAt(index)`: one unit, or empty outside the string.
    func charAt(_ index: Int) -> JSText {
        index >= 0 && index < count ? JSText(units: [units[index]]) : JSText(units: [])
    }

    /// `split(separator)` with a string separator (an empty one splits into single units).
    func split(_ separator: JSText) -> [JSText] {
        if separator.isEmpty { return units.map { JSText(units: [$0]) } }
        var parts: [JSText] = []
        var start = 0
        var found = indexOf(separator)
        while found != -1 {
            parts.append(substring(start, found))
            start = found + separator.count
            found = indexOf(separator, from: start)
        }
        parts.append(substring(start))
        return parts
    }

    /// `slice(0, cut) + insert + slice(cut)` for a cut within the string (negative counts from the end).
    func inserting(_ insert: JSText, at cut: Int) -> JSText {
        let position = cut < 0 ? max(count + cut, 0) : min(cut, count)
        return JSText(units: Array(units[..<position]) + insert.units + Array(units[position...]))
    }
}
