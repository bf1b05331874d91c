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
            for r in layers.indices.dropFirst() {
                fit(r, x: &x) { v, x in mean(both ? up[v] + down[v] : up[v], x) }
            }
            for r in layers.indices.dropLast().reversed() {
                fit(r, x: &x) { v, x in mean(both ? up[v] + down[v] : down[v], x) }
            }
        }
        straighten(&x)
        let left = (0..<count).map { x[$0] - width[$0] / 2 }.min() ?? 0
        return x.map { $0 - left }
    }

    /// The mean centre of `vertices`, nil for none.
    private func mean(_ vertices: [Int], _ x: [Double]) -> Double? {
        guard !vertices.isEmpty else { return nil }
        var sum = 0.0
        for v in vertices { sum += x[v] }
        return sum / Double(vertices.count)
    }

    /// A box that alone follows the box above it (a chain of Next) goes straight under it, and so does a long
    /// edge's point under the one above, as far as its rank lets it: the fit leaves such pairs a few pixels apart, which draws as a slanted line. A rank packed tight
    /// moves as a whole, so chains side by side (a Choice's lanes) are straightened together.
    private func straighten(_ x: inout [Double]) {
        for r in layers.indices.dropFirst() {
            fit(r, x: &x, anchored: 0.001) { v, x in
                guard up[v].count == 1 else { return nil }
                let above = up[v][0]
                // A long edge's run from rank to rank; a box after the one box above it.
                if isDummy[v] { return isDummy[above] ? x[above] : nil }
                guard !isDummy[above] else { return nil }
                return down[above].filter({ !isDummy[$0] }).count == 1 ? x[above] : nil
            }
        }
    }

    /// The distance between the centres of neighbours `a` (left) and `b` in a rank.
    private func gap(_ a: Int, _ b: Int) -> Double {
        let space = isDummy[a] || isDummy[b] ? LayeredGraph.dummyGap : LayeredGraph.boxGap
        return (width[a] + width[b]) / 2 + space + rightMargin[a]
    }

    /// Moves rank `r` as close as its order and gaps allow to where `wanted` puts each vertex (nil: it has no
    /// wish, and stays put with the weight `anchored`).
    private func fit(
        _ r: Int,
        x: inout [Double],
        anchored: Double = 0.25,
        wanted: (Int, [Double]) -> Double?
    ) {
        let layer = layers[r]
        guard !layer.isEmpty else { return }
        var offset = [Double](repeating: 0, count: layer.count)
        for i in layer.indices.dropFirst() { offset[i] = offset[i - 1] + gap(layer[i - 1], layer[i]) }
        // Blocks of vertices pushed against each other: total weight, weighted sum of targets, how many.
        var blocks: [(weight: Double, sum: Double, count: Int)] = []
        for (i, v) in layer.enumerated() {
            let wish = wanted(v, x)
            // Dummies pull harder: a long edge kept straight reads better than a box a few pixels off centre.
            let weight = wish == nil ? anchored : (isDummy[v] ? 2 : 1)
            blocks.append((weight, weight * ((wish ?? x[v]) - offset[i]), 1))
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
