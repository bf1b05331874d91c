extension LayeredGraph.Grid {
    /// Reorders each rank by the mean position of its neighbours in the rank above (going down) or below (going
    /// up), a few times over, and keeps the order with the fewest crossings seen. Ties keep their order, so the
    /// result is deterministic.
    mutating func reduceCrossings(sweeps: Int = 6) {
        var position = [Int](repeating: 0, count: count)
        func index() {
            for layer in layers {
                for (i, v) in layer.enumerated() { position[v] = i }
            }
        }
        index()
        var best = layers
        var fewest = crossings(position)
        guard fewest > 0 else { return }
        for _ in 0..<sweeps {
            for r in layers.indices.dropFirst() {
                reorder(r, by: up, position: &position)
            }
            for r in layers.indices.dropLast().reversed() {
                reorder(r, by: down, position: &position)
            }
            let now = crossings(position)
            if now < fewest {
                fewest = now
                best = layers
                if now == 0 { break }
            }
        }
        layers = best
    }

    private mutating func reorder(_ r: Int, by neighbours: [[Int]], position: inout [Int]) {
        let keyed = layers[r].map { v -> (key: Double, was: Int, v: Int) in
            let around = neighbours[v]
            guard !around.isEmpty else { return (Double(position[v]), position[v], v) }
            let sum = around.reduce(0) { $0 + position[$1] }
            return (Double(sum) / Double(around.count), position[v], v)
        }
        layers[r] = keyed.sorted { ($0.key, $0.was) < ($1.key, $1.was) }.map(\.v)
        for (i, v) in layers[r].enumerated() { position[v] = i }
    }

    /// How many pairs of segments between neighbouring ranks cross.
    func crossings(_ position: [Int]) -> Int {
        var total = 0
        for layer in layers {
            var segments: [(Int, Int)] = []
            for v in layer {
                for w in down[v] { segments.append((position[v], position[w])) }
            }
            segments.sort { $0 < $1 }
            for i in segments.indices {
                for j in segments.index(after: i)..<segments.endIndex
                where segments[j].0 > segments[i].0 && segments[j].1 < segments[i].1 {
                    total += 1
                }
            }
        }
        return total
    }
}
