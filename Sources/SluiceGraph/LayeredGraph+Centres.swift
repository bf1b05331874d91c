extension LayeredGraph.Grid {
    /// Each vertex's x centre: ranks packed in their order, then moved towards their neighbours' centres, rank by
    /// rank downwards and upwards a few times over. Each move is the least-squares fit of the rank to where its
    /// vertices want to be, keeping their order and the gaps between them (pool adjacent violators), so boxes never
    /// overlap and dummies line up into straight edges.
    func centres(iterations: Int = 8) -> [Double] {
        var x = [Double](repeating: 0, count: count)
        for layer in layers {
            var left = 0.0
            for (i, v) in layer.enumerated() {
                if i > 0 { left += gap(layer[i - 1], v) - (width[layer[i - 1]] + width[v]) / 2 }
                x[v] = left + width[v] / 2
                left += width[v]
            }
        }
        for iteration in 0..<iterations {
            let both = iteration == iterations - 1
            for r in layers.indices.dropFirst() { fit(r, towards: both ? nil : up, x: &x) }
            for r in layers.indices.dropLast().reversed() { fit(r, towards: both ? nil : down, x: &x) }
        }
        straighten(&x)
        let left = (0..<count).map { x[$0] - width[$0] / 2 }.min() ?? 0
        return x.map { $0 - left }
    }

    /// A box that alone follows the box above it (a chain of Next) goes straight under it where its rank has
    /// room: the fit leaves such pairs a few pixels apart, which draws as a slanted line.
    private func straighten(_ x: inout [Double]) {
        for layer in layers.dropFirst() {
            for (i, v) in layer.enumerated() where !isDummy[v] && up[v].count == 1 && !isDummy[up[v][0]] {
                guard down[up[v][0]].filter({ !isDummy[$0] }).count == 1 else { continue }
                let target = x[up[v][0]]
                let low = i > 0 ? x[layer[i - 1]] + gap(layer[i - 1], v) : -Double.infinity
                let high = i < layer.count - 1 ? x[layer[i + 1]] - gap(v, layer[i + 1]) : Double.infinity
                if target >= low, target <= high { x[v] = target }
            }
        }
    }

    /// The distance between the centres of neighbours `a` (left) and `b` in a rank.
    private func gap(_ a: Int, _ b: Int) -> Double {
        let space = isDummy[a] || isDummy[b] ? LayeredGraph.dummyGap : LayeredGraph.boxGap
        return (width[a] + width[b]) / 2 + space + rightMargin[a]
    }

    /// Moves rank `r` towards its neighbours (nil: above and below at once).
    private func fit(_ r: Int, towards neighbours: [[Int]]?, x: inout [Double]) {
        let layer = layers[r]
        guard !layer.isEmpty else { return }
        var offset = [Double](repeating: 0, count: layer.count)
        for i in layer.indices.dropFirst() { offset[i] = offset[i - 1] + gap(layer[i - 1], layer[i]) }
        // Blocks of vertices pushed against each other: total weight, weighted sum of targets, how many.
        var blocks: [(weight: Double, sum: Double, count: Int)] = []
        for (i, v) in layer.enumerated() {
            var sum = 0.0
            var n = 0
            for list in neighbours.map({ [$0[v]] }) ?? [up[v], down[v]] {
                for u in list { sum += x[u] }
                n += list.count
            }
            let wanted = n == 0 ? x[v] : sum / Double(n)
            // Dummies pull harder: a long edge kept straight reads better than a box a few pixels off centre.
            let weight = n == 0 ? 0.25 : (isDummy[v] ? 2 : 1)
            blocks.append((weight, weight * (wanted - offset[i]), 1))
            while blocks.count > 1 {
                let last = blocks[blocks.count - 1]
                let before = blocks[blocks.count - 2]
                guard before.sum / before.weight > last.sum / last.weight else { break }
                blocks.removeLast(2)
                blocks.append((before.weight + last.weight, before.sum + last.sum, before.count + last.count))
            }
        }
        var i = 0
        for block in blocks {
            let base = block.sum / block.weight
            for _ in 0..<block.count {
                x[layer[i]] = base + offset[i]
                i += 1
            }
        }
    }
}
