extension LayeredGraph {
    /// Lays the graph out: ranks, order, x and y, and each arc's route.
    func place() -> Placement {
        guard !vertices.isEmpty else { return Placement(frames: [], routes: [], width: 0, height: 0) }
        let (back, discovery) = depthFirst()
        var grid = grid(back: back, rank: ranks(back: back), discovery: discovery)
        grid.reduceCrossings()
        let x = grid.centres()
        // Each rank as tall as its tallest box; boxes centred in it.
        var rankTop: [Double] = []
        var rankHeight: [Double] = []
        var y = 0.0
        for layer in grid.layers {
            let height = layer.filter { $0 < vertices.count }.map { vertices[$0].height }.max() ?? 0
            rankTop.append(y)
            rankHeight.append(height)
            y += height + Self.rankGap
        }
        let frames = vertices.indices.map { v in
            let r = grid.rank[v]
            return GraphRect(
                x: x[v] - vertices[v].width / 2,
                y: rankTop[r] + (rankHeight[r] - vertices[v].height) / 2,
                width: vertices[v].width,
                height: vertices[v].height
            )
        }
        let routes = arcs.indices.map { i in
            route(
                i,
                chain: grid.chains[i],
                back: back[i],
                frames: frames,
                x: x,
                grid: grid,
                top: rankTop,
                height: rankHeight
            )
        }
        let width = frames.indices.map { frames[$0].maxX + vertices[$0].rightMargin }.max() ?? 0
        return Placement(frames: frames, routes: routes, width: width, height: max(0, y - Self.rankGap))
    }

    private func route(
        _ i: Int,
        chain: [Int]?,
        back: Bool,
        frames: [GraphRect],
        x: [Double],
        grid: Grid,
        top: [Double],
        height: [Double]
    ) -> Route {
        guard let chain else {
            let f = frames[arcs[i].from]
            return Route(
                points: [
                    GraphPoint(x: f.maxX, y: f.y + f.height * 0.2), GraphPoint(x: f.maxX, y: f.y + f.height * 0.8),
                ],
                isBackEdge: false,
                isSelfLoop: true
            )
        }
        let upper = frames[chain[0]]
        let lower = frames[chain[chain.count - 1]]
        // A back edge's ends sit off the centre, on the side its route runs, so a loop between neighbours does
        // not lie on the forward edge, nor cross it.
        func port(_ f: GraphRect, towards neighbour: Double) -> Double {
            guard back else { return f.midX }
            let offset = min(Self.backEdgePortOffset, f.width / 4)
            return neighbour < f.midX - 1 ? f.midX - offset : f.midX + offset
        }
        let inner = chain.dropFirst().dropLast()
        let upperNeighbour = inner.first.map { x[$0] } ?? lower.midX
        let lowerNeighbour = inner.last.map { x[$0] } ?? upper.midX
        var points = [GraphPoint(x: port(upper, towards: upperNeighbour), y: upper.maxY)]
        for dummy in inner {
            let r = grid.rank[dummy]
            points.append(GraphPoint(x: x[dummy], y: top[r]))
            points.append(GraphPoint(x: x[dummy], y: top[r] + height[r]))
        }
        points.append(GraphPoint(x: port(lower, towards: lowerNeighbour), y: lower.y))
        return Route(points: back ? points.reversed() : points, isBackEdge: back, isSelfLoop: false)
    }
}
