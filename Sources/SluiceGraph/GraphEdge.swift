/// One transition drawn: a curve through `points` (start, the bends that keep it out of boxes, end), with the
/// arrowhead at the last point.
package struct GraphEdge: Sendable, Hashable {
    package enum Kind: String, Sendable, Hashable {
        /// `Next`, a Choice rule, StartAt from the start marker, or an end into the end marker.
        case next
        /// A Choice's `Default`.
        case choiceDefault = "default"
        /// A `Catch` rule's `Next`: drawn dashed.
        case `catch`
    }

    /// The state (or marker: "" for start and end) the edge leaves and enters.
    package var from: String
    package var to: String
    package var kind: Kind
    package var points: [GraphPoint]
    /// What takes it, for a hover title: "Choices[0]", "Default", "Catch States.ALL"; nil for Next.
    package var label: String?
    /// Drawn upwards against the flow: a loop back to an earlier state.
    package var isBackEdge: Bool = false
    /// Drawn as a loop on the box's right side: a state going to itself.
    package var isSelfLoop: Bool = false

    func offsetBy(dx: Double, dy: Double) -> GraphEdge {
        var moved = self
        moved.points = points.map { GraphPoint(x: $0.x + dx, y: $0.y + dy) }
        return moved
    }
}
