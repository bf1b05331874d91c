/// One box of the drawing: a state, or the start or end marker of the top-level machine.
package struct GraphNode: Sendable, Hashable {
    package enum Role: Sendable, Hashable {
        /// A state: its name and AWS type name (`Task`, `Map`, ...).
        case state(name: String, type: String)
        case start
        case end
    }

    package var role: Role
    package var frame: GraphRect
    /// For a Parallel, one box per branch; for a Map, one box for its item processor. Empty for other states.
    package var lanes: [GraphRect] = []
    /// What the container's header says under its name ("Parallel", "Map", "Distributed Map").
    package var subtitle: String
    /// The Parallel or Map state whose lane holds this node; nil at the top level.
    package var container: String?

    package var stateName: String? {
        if case .state(let name, _) = role { return name }
        return nil
    }

    package var isContainer: Bool { !lanes.isEmpty }

    func offsetBy(dx: Double, dy: Double) -> GraphNode {
        var moved = self
        moved.frame = frame.offsetBy(dx: dx, dy: dy)
        moved.lanes = lanes.map { $0.offsetBy(dx: dx, dy: dy) }
        return moved
    }
}
