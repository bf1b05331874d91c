extension LayeredGraph {
    /// The arcs a depth-first search from `root` (then from every vertex not yet reached, in order) finds going
    /// back to a vertex on its path: the loops, drawn upwards. Also the order vertices were discovered in, which
    /// seeds the order within ranks (a Choice's rules left to right as written).
    func depthFirst() -> (back: [Bool], discovery: [Int]) {
        var outgoing = [[Int]](repeating: [], count: vertices.count)
        for (i, arc) in arcs.enumerated() where arc.from != arc.to { outgoing[arc.from].append(i) }
        var back = [Bool](repeating: false, count: arcs.count)
        var discovery = [Int](repeating: -1, count: vertices.count)
        var onPath = [Bool](repeating: false, count: vertices.count)
        var discovered = 0
        let roots = [root] + Array(vertices.indices)
        for start in roots where discovery[start] < 0 {
            // (vertex, index of the next outgoing arc to follow)
            var stack = [(start, 0)]
            discovery[start] = discovered
            discovered += 1
            onPath[start] = true
            while let (v, next) = stack.last {
                guard next < outgoing[v].count else {
                    onPath[v] = false
                    stack.removeLast()
                    continue
                }
                stack[stack.count - 1].1 = next + 1
                let arc = outgoing[v][next]
                let w = arcs[arc].to
                if onPath[w] {
                    back[arc] = true
                } else if discovery[w] < 0 {
                    discovery[w] = discovered
                    discovered += 1
                    onPath[w] = true
                    stack.append((w, 0))
                }
            }
        }
        return (back, discovery)
    }

    /// Each vertex's rank: the longest path to it from a source over the forward arcs, so every forward arc goes
    /// down at least one rank; the sink alone below everything.
    func ranks(back: [Bool]) -> [Int] {
        var indegree = [Int](repeating: 0, count: vertices.count)
        var outgoing = [[Int]](repeating: [], count: vertices.count)
        for (i, arc) in arcs.enumerated() where !back[i] && arc.from != arc.to {
            outgoing[arc.from].append(arc.to)
            indegree[arc.to] += 1
        }
        var rank = [Int](repeating: 0, count: vertices.count)
        var queue = vertices.indices.filter { indegree[$0] == 0 }
        var head = 0
        while head < queue.count {
            let v = queue[head]
            head += 1
            for w in outgoing[v] {
                rank[w] = max(rank[w], rank[v] + 1)
                indegree[w] -= 1
                if indegree[w] == 0 { queue.append(w) }
            }
        }
        if let sink {
            let deepest = vertices.indices.filter { $0 != sink }.map { rank[$0] }.max() ?? -1
            rank[sink] = deepest + 1
        }
        return rank
    }
}
