import SluiceASL
import SluiceGraph
import Testing

/// What every layout must satisfy, checked on each one the tests draw.
enum LayoutChecks {
    static func check(_ layout: GraphLayout, _ machine: StateMachineDefinition) {
        // Every state once.
        let names = layout.nodes.compactMap(\.stateName)
        #expect(names.count == Set(names).count)
        #expect(Set(names) == allNames(machine))
        // Boxes side by side never overlap: the same container's, and the top level's with the markers.
        var byContainer: [String: [GraphRect]] = [:]
        for node in layout.nodes { byContainer[node.container ?? "", default: []].append(node.frame) }
        for (container, frames) in byContainer {
            for i in frames.indices {
                for j in frames.indices where j > i {
                    #expect(
                        !frames[i].overlaps(frames[j]),
                        "boxes overlap in '\(container)': \(frames[i]) \(frames[j])"
                    )
                }
            }
        }
        // A nested state lies inside one lane of its container; everything inside the drawing.
        let all = GraphRect(x: 0, y: 0, width: layout.width, height: layout.height)
        for node in layout.nodes {
            #expect(all.contains(node.frame))
            guard let container = node.container else { continue }
            let lanes = layout.node(named: container)?.lanes ?? []
            #expect(lanes.contains { $0.contains(node.frame) }, "\(node.role) outside \(container)'s lanes")
        }
        // Edges start and end on boxes' edges and stay in the drawing.
        for edge in layout.edges {
            #expect(edge.points.count >= 2)
            for p in edge.points { #expect(p.x >= 0 && p.x <= layout.width && p.y >= 0 && p.y <= layout.height) }
        }
    }

    static func allNames(_ machine: StateMachineDefinition) -> Set<String> {
        var names = Set(machine.states.keys)
        for state in machine.states.values {
            switch state.kind {
            case .parallel(let p): for b in p.branches { names.formUnion(allNames(b)) }
            case .map(let m): names.formUnion(allNames(m.processor))
            default: break
            }
        }
        return names
    }

    /// The box edges of the plain states an edge's straight vertical runs pass through (dummy columns), which
    /// should be none.
    static func edgesThroughBoxes(_ layout: GraphLayout) -> Int {
        let boxes = layout.nodes.filter { !$0.isContainer }.map(\.frame)
        var hits = 0
        for edge in layout.edges where !edge.isSelfLoop {
            for (a, b) in zip(edge.points, edge.points.dropFirst()) where a.x == b.x && abs(a.y - b.y) > 1 {
                let run = GraphRect(x: a.x, y: min(a.y, b.y) + 1, width: 0.01, height: abs(a.y - b.y) - 2)
                hits += boxes.filter { $0.overlaps(run) }.count
            }
        }
        return hits
    }
}
