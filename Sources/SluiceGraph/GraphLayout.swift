/// A state machine laid out top to bottom: every box and every edge in absolute coordinates, ready to draw.
package struct GraphLayout: Sendable, Hashable {
    package var width: Double
    package var height: Double
    /// Containers before the states inside them, so drawing in this order puts nested boxes on top.
    package var nodes: [GraphNode]
    package var edges: [GraphEdge]

    package init(width: Double, height: Double, nodes: [GraphNode], edges: [GraphEdge]) {
        self.width = width
        self.height = height
        self.nodes = nodes
        self.edges = edges
    }

    /// The node of the state named `name`.
    package func node(named name: String) -> GraphNode? {
        nodes.first { $0.stateName == name }
    }
}
