/// One machine's boxes and transitions as a layered drawing, after Sugiyama's method kept simple: loops broken
/// by a depth-first search, ranks by longest path, long edges cut into dummy points one per rank they cross, the
/// order within a rank from barycentre sweeps, and x positions as the least-squares fit to the neighbours'.
struct LayeredGraph {
    struct Vertex {
        var width: Double
        var height: Double
        /// Extra room kept on the right: a self-loop is drawn there.
        var rightMargin: Double = 0
    }

    struct Arc {
        var from: Int
        var to: Int
        var kind: GraphEdge.Kind
        var label: String?
    }

    /// Where everything went, in the graph's own coordinates (origin at the top-left of its bounding box).
    struct Placement {
        var frames: [GraphRect]
        /// One per arc, in the arcs' order.
        var routes: [Route]
        var width: Double
        var height: Double
    }

    struct Route {
        var points: [GraphPoint]
        var isBackEdge: Bool
        var isSelfLoop: Bool
    }

    var vertices: [Vertex]
    var arcs: [Arc]
    /// Where the depth-first search starts: the start marker, or StartAt.
    var root: Int
    /// The end marker: always alone on the last rank.
    var sink: Int?

    static let rankGap = 44.0
    static let boxGap = 32.0
    static let dummyGap = 14.0
    /// How far a back edge's ends sit right of the box's centre, apart from forward edges meeting there.
    static let backEdgePortOffset = 18.0
}
