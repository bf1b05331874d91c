import SluiceASL

extension MachineLayout {
    /// A plain state's box: wide enough for its name (up to a limit; longer names are cut when drawn).
    static func stateSize(name: String) -> LayeredGraph.Vertex {
        let width = TextMetrics.width(name, size: nameSize, bold: true) + statePadding
        return LayeredGraph.Vertex(width: min(maxStateWidth, max(minStateWidth, width)), height: stateHeight)
    }

    /// A Parallel or Map box: a header, then its lanes side by side.
    static func containerSize(name: String, lanes: [Block]) -> LayeredGraph.Vertex {
        let header = min(maxStateWidth, TextMetrics.width(name, size: nameSize, bold: true)) + statePadding
        let lanesWidth = lanes.reduce(0) { $0 + $1.width + 2 * lanePadding } + Double(max(0, lanes.count - 1)) * laneGap
        let tallest = lanes.map(\.height).max() ?? 0
        return LayeredGraph.Vertex(
            width: max(minStateWidth, header, lanesWidth + 2 * lanePadding),
            height: headerHeight + tallest + 2 * lanePadding + lanePadding
        )
    }

    /// The lanes inside a container's placed `frame`: equal heights, centred side by side under the header.
    static func lanes(of frame: GraphRect, blocks: [Block]) -> [GraphRect] {
        let height = (blocks.map(\.height).max() ?? 0) + 2 * lanePadding
        let total = blocks.reduce(0) { $0 + $1.width + 2 * lanePadding } + Double(max(0, blocks.count - 1)) * laneGap
        var x = frame.x + (frame.width - total) / 2
        return blocks.map { b in
            defer { x += b.width + 2 * lanePadding + laneGap }
            return GraphRect(x: x, y: frame.y + headerHeight, width: b.width + 2 * lanePadding, height: height)
        }
    }

    /// The line under a state's name.
    static func subtitle(_ state: State) -> String {
        switch state.kind {
        case .map(let map): map.mode == .distributed ? "Distributed Map" : "Map"
        case .parallel(let parallel): "Parallel · \(parallel.branches.count) branches"
        case .task(let task): "Task · " + shortResource(task.resource)
        default: state.typeName
        }
    }

    /// What a Task's resource calls: the service and action of an integration, else the ARN's last part.
    static func shortResource(_ resource: String) -> String {
        let parts = resource.split(separator: ":", omittingEmptySubsequences: false)
        if resource.hasPrefix("arn:aws:states:::"), parts.count >= 7 {
            return parts[6...].joined(separator: ":")
        }
        return parts.last.map(String.init) ?? resource
    }

    /// Every transition of `machine` as an arc: StartAt from the start marker, Next, each Choice rule's Next and
    /// the Default, each Catch's Next, and the ends into the end marker. One arc per pair of vertices (a Choice
    /// with two rules to one state draws one edge), the first kind written winning.
    static func transitions(
        _ machine: StateMachineDefinition,
        names: [String],
        index: [String: Int],
        start: Int?,
        end: Int?
    ) -> [LayeredGraph.Arc] {
        var arcs: [LayeredGraph.Arc] = []
        var seen: Set<[Int]> = []
        func add(_ from: Int, _ target: String?, _ kind: GraphEdge.Kind, _ label: String? = nil) {
            guard let target, let to = index[target] else { return }
            addIndex(from, to, kind, label)
        }
        func addIndex(_ from: Int, _ to: Int, _ kind: GraphEdge.Kind, _ label: String? = nil) {
            guard seen.insert([from, to]).inserted else { return }
            arcs.append(LayeredGraph.Arc(from: from, to: to, kind: kind, label: label))
        }
        if let start { add(start, machine.startAt, .next) }
        for (i, name) in names.enumerated() {
            let state = machine.states[name]!
            switch state.transition {
            case .next(let next)?: add(i, next, .next)
            case .end?: if let end { addIndex(i, end, .next) }
            case nil: break
            }
            switch state.kind {
            case .choice(let choice):
                for (n, rule) in choice.choices.enumerated() { add(i, rule.next, .next, "Choices[\(n)]") }
                add(i, choice.defaultNext, .choiceDefault, "Default")
            case .succeed, .fail:
                if let end { addIndex(i, end, .next) }
            default:
                break
            }
            for catcher in state.catch {
                add(i, catcher.next, .catch, "Catch " + catcher.errorEquals.joined(separator: ", "))
            }
        }
        return arcs
    }
}
