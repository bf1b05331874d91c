extension LayeredGraph {
    /// The vertices with the dummies that carry long edges, in their ranks, and the segments between
    /// neighbouring ranks that the ordering and placement work on.
    struct Grid {
        var width: [Double]
        var rightMargin: [Double]
        var isDummy: [Bool]
        var rank: [Int]
        /// Each rank's vertices, left to right.
        var layers: [[Int]]
        /// Each vertex's neighbours one rank up and one rank down.
        var up: [[Int]]
        var down: [[Int]]
        /// Per arc, the vertices it passes from its upper end to its lower end; nil for a self-loop.
        var chains: [[Int]?]

        var count: Int { width.count }
    }

    func grid(back: [Bool], rank realRank: [Int], discovery: [Int]) -> Grid {
        var g = Grid(
            width: vertices.map(\.width),
            rightMargin: vertices.map(\.rightMargin),
            isDummy: [Bool](repeating: false, count: vertices.count),
            rank: realRank,
            layers: [],
            up: [[Int]](repeating: [], count: vertices.count),
            down: [[Int]](repeating: [], count: vertices.count),
            chains: []
        )
        // Seeds for the first order: discovery order, dummies just after the vertex their edge comes down from.
        var seed = discovery.map { Double($0) }
        for (i, arc) in arcs.enumerated() {
            guard arc.from != arc.to else {
                g.chains.append(nil)
                continue
            }
            let (top, bottom) = back[i] ? (arc.to, arc.from) : (arc.from, arc.to)
            var chain = [top]
            var r = g.rank[top] + 1
            while r < g.rank[bottom] {
                let dummy = g.count
                g.width.append(0)
                g.rightMargin.append(0)
                g.isDummy.append(true)
                g.rank.append(r)
                g.up.append([])
                g.down.append([])
                seed.append(seed[top] + 0.5)
                chain.append(dummy)
                r += 1
            }
            chain.append(bottom)
            for (a, b) in zip(chain, chain.dropFirst()) {
                g.down[a].append(b)
                g.up[b].append(a)
            }
            g.chains.append(chain)
        }
        let rankCount = (g.rank.max() ?? -1) + 1
        g.layers = [[Int]](repeating: [], count: rankCount)
        for v in 0..<g.count { g.layers[g.rank[v]].append(v) }
        for r in g.layers.indices {
            g.layers[r].sort { (seed[$0], $0) < (seed[$1], $1) }
        }
        return g
    }
}
