/// An array slice `[start:end]` with Jayway JsonPath's arithmetic, which is not Python's.
///
/// Jayway has three forms and treats each differently:
/// - `[a:]` counts a negative `a` from the end and clamps it at zero;
/// - `[:b]` counts a negative `b` from the end;
/// - `[a:b]` clamps `b` to the length but never counts it from the end, then visits `a..<b`, resolving each negative
///   index from the end on its own. So `[-2:-1]` works, `[1:-1]` is empty, and `[-1:2]` on `[x,y,z]` yields z,x,y.
struct JSONPathSlice: Sendable, CustomStringConvertible {
    let start: Int?
    let end: Int?

    /// The indices visited on an array of `count` elements, in order; each is a valid index.
    func indices(count: Int) -> [Int] {
        guard count > 0 else { return [] }
        switch (start, end) {
        case (let from?, nil):
            let first = max(0, from < 0 ? count + from : from)
            return first < count ? Array(first..<count) : []
        case (nil, let to?):
            let last = min(count, to < 0 ? count + to : to)
            return last > 0 ? Array(0..<last) : []
        case (let from?, let to?):
            let last = min(count, to)
            guard from < last else { return [] }
            var result: [Int] = []
            for i in from..<last {
                let effective = i < 0 ? count + i : i
                if effective >= 0 && effective < count { result.append(effective) }
            }
            return result
        case (nil, nil):
            return Array(0..<count)
        }
    }

    var description: String {
        "[" + (start.map(String.init) ?? "") + ":" + (end.map(String.init) ?? "") + "]"
    }
}
