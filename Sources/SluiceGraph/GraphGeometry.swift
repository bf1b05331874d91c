/// A point of the drawing, in SVG user units (pixels at 1:1), y growing downwards.
package struct GraphPoint: Sendable, Hashable {
    package var x: Double
    package var y: Double

    package init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }
}

/// A box of the drawing: its top-left corner and size.
package struct GraphRect: Sendable, Hashable {
    package var x: Double
    package var y: Double
    package var width: Double
    package var height: Double

    package init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    package var maxX: Double { x + width }
    package var maxY: Double { y + height }
    package var midX: Double { x + width / 2 }

    /// Whether the two boxes share any area (touching edges do not count).
    package func overlaps(_ other: GraphRect) -> Bool {
        x < other.maxX && other.x < maxX && y < other.maxY && other.y < maxY
    }

    /// Whether `other` lies wholly inside this box.
    package func contains(_ other: GraphRect) -> Bool {
        other.x >= x && other.maxX <= maxX && other.y >= y && other.maxY <= maxY
    }

    func offsetBy(dx: Double, dy: Double) -> GraphRect {
        GraphRect(x: x + dx, y: y + dy, width: width, height: height)
    }
}
