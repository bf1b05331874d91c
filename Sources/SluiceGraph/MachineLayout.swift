import SluiceASL

/// Lays out a machine and, inside each Parallel and Map box, its branches and item processor, each a graph of its
/// own; the top level gets the start and end markers the console draws.
enum MachineLayout {
    static let nameSize = 13.0
    static let typeSize = 10.0
    static let stateHeight = 44.0
    static let minStateWidth = 96.0
    static let maxStateWidth = 280.0
    static let statePadding = 32.0
    static let markerWidth = 64.0
    static let markerHeight = 28.0
    static let headerHeight = 40.0
    static let lanePadding = 14.0
    static let laneGap = 14.0
    static let margin = 16.0
    static let selfLoopRoom = 28.0

    /// A machine laid out in its own coordinates.
    struct Block {
        var width: Double
        var height: Double
        var nodes: [GraphNode]
        var edges: [GraphEdge]
    }

    static func layout(_ machine: StateMachineDefinition) -> GraphLayout {
        let block = self.block(machine, markers: true, container: nil)
        let nodes = block.nodes.map { $0.offsetBy(dx: margin, dy: margin) }
        let edges = block.edges.map { $0.offsetBy(dx: margin, dy: margin) }
        return GraphLayout(
            width: block.width + 2 * margin,
            height: block.height + 2 * margin,
            nodes: nodes,
            edges: edges
        )
    }

    static func block(_ machine: StateMachineDefinition, markers: Bool, container: String?) -> Block {
        let names = machine.stateNames.filter { machine.states[$0] != nil }
        var index: [String: Int] = [:]
        for (i, name) in names.enumerated() { index[name] = i }
        // The contents of each Parallel and Map, laid out first: they decide the box's size.
        var inner: [Int: [Block]] = [:]
        var vertices: [LayeredGraph.Vertex] = []
        for (i, name) in names.enumerated() {
            let state = machine.states[name]!
            switch state.kind {
            case .parallel(let parallel):
                inner[i] = parallel.branches.map { block($0, markers: false, container: name) }
            case .map(let map):
                inner[i] = [block(map.processor, markers: false, container: name)]
            default:
                break
            }
            vertices.append(inner[i].map { containerSize(name: name, lanes: $0) } ?? stateSize(name: name))
        }
        var start: Int?
        var end: Int?
        if markers {
            start = vertices.count
            end = vertices.count + 1
            vertices.append(LayeredGraph.Vertex(width: markerWidth, height: markerHeight))
            vertices.append(LayeredGraph.Vertex(width: markerWidth, height: markerHeight))
        }
        let arcs = transitions(machine, names: names, index: index, start: start, end: end)
        for arc in arcs where arc.from == arc.to { vertices[arc.from].rightMargin = selfLoopRoom }
        let graph = LayeredGraph(vertices: vertices, arcs: arcs, root: start ?? index[machine.startAt] ?? 0, sink: end)
        let placement = graph.place()

        var nodes: [GraphNode] = []
        var edgesInside: [GraphEdge] = []
        for (i, name) in names.enumerated() {
            let state = machine.states[name]!
            let frame = placement.frames[i]
            var node = GraphNode(
                role: .state(name: name, type: state.typeName),
                frame: frame,
                subtitle: subtitle(state),
                container: container
            )
            var contents: [GraphNode] = []
            if let blocks = inner[i] {
                node.lanes = lanes(of: frame, blocks: blocks)
                for (lane, b) in zip(node.lanes, blocks) {
                    let dx = lane.x + (lane.width - b.width) / 2
                    let dy = lane.y + lanePadding
                    contents += b.nodes.map { $0.offsetBy(dx: dx, dy: dy) }
                    edgesInside += b.edges.map { $0.offsetBy(dx: dx, dy: dy) }
                }
            }
            nodes.append(node)
            nodes += contents
        }
        if let start, let end {
            nodes.append(GraphNode(role: .start, frame: placement.frames[start], subtitle: "", container: nil))
            nodes.append(GraphNode(role: .end, frame: placement.frames[end], subtitle: "", container: nil))
        }
        func label(_ v: Int) -> String { v < names.count ? names[v] : "" }
        var edges = zip(arcs, placement.routes).map { arc, route in
            GraphEdge(
                from: label(arc.from),
                to: label(arc.to),
                kind: arc.kind,
                points: route.points,
                label: arc.label,
                isBackEdge: route.isBackEdge,
                isSelfLoop: route.isSelfLoop
            )
        }
        edges += edgesInside
        return Block(width: placement.width, height: placement.height, nodes: nodes, edges: edges)
    }
}
