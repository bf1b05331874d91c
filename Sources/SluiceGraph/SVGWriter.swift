/// Draws a laid-out graph as SVG text: the containers first (outer ones under inner ones), then the edges, then
/// the states, so edges run over lanes and under boxes. Each state is `<g class="state status-…"
/// data-state="NAME">` with its box and text; the status classes are styled by the `<style>` inside.
enum SVGWriter {
    static func svg(_ layout: GraphLayout, statuses: [String: StateRunStatus]) -> String {
        let w = XMLText.number(layout.width)
        let h = XMLText.number(layout.height)
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" class="sluice-graph" viewBox="0 0 \(w) \(h)" width="\(w)" \
            height="\(h)" role="img" aria-label="State machine graph">
            """
        out += "<style>\(SVGStyle.css)</style>\(SVGStyle.defs)"
        for node in layout.nodes where node.isContainer { state(node, statuses, into: &out) }
        out += "<g class=\"edges\">"
        for edge in layout.edges { self.edge(edge, into: &out) }
        out += "</g>"
        for node in layout.nodes where !node.isContainer {
            switch node.role {
            case .state: state(node, statuses, into: &out)
            case .start: marker(node, "start", "Start", into: &out)
            case .end: marker(node, "end", "End", into: &out)
            }
        }
        out += "</svg>"
        return out
    }

    private static func state(_ node: GraphNode, _ statuses: [String: StateRunStatus], into out: inout String) {
        guard case .state(let name, let type) = node.role else { return }
        let status = statuses[name] ?? .notRun
        let f = node.frame
        let escapedName = XMLText.escaped(name)
        out +=
            "<g class=\"state \(status.cssClass)\(node.isContainer ? " container" : "")\" data-state=\"\(escapedName)\""
        out += " data-type=\"\(XMLText.escaped(type))\" data-status=\"\(status.rawValue)\">"
        out += "<title>\(escapedName) (\(XMLText.escaped(type))): \(status.rawValue)</title>"
        out += "<rect class=\"box\" x=\"\(n(f.x))\" y=\"\(n(f.y))\" width=\"\(n(f.width))\" height=\"\(n(f.height))\""
        out += " rx=\"\(node.isContainer ? 8 : 6)\"/>"
        badge(status, at: GraphPoint(x: f.maxX - 1, y: f.y + 1), into: &out)
        let room = f.width - 16
        let shown = XMLText.escaped(TextMetrics.fitting(name, width: room, size: MachineLayout.nameSize, bold: true))
        let subtitle = XMLText.escaped(TextMetrics.fitting(node.subtitle, width: room, size: MachineLayout.typeSize))
        // A plain state: name and type centred; a container: the same in its header.
        let top = node.isContainer ? f.y + 4 : f.y
        let height = node.isContainer ? MachineLayout.headerHeight - 4 : f.height
        out +=
            "<text class=\"name\" x=\"\(n(f.midX))\" y=\"\(n(top + height * 0.38))\" text-anchor=\"middle\">\(shown)</text>"
        out += "<text class=\"type\" x=\"\(n(f.midX))\" y=\"\(n(top + height * 0.74))\" text-anchor=\"middle\">"
        out += "\(subtitle)</text>"
        for lane in node.lanes {
            out += "<rect class=\"lane\" x=\"\(n(lane.x))\" y=\"\(n(lane.y))\" width=\"\(n(lane.width))\""
            out += " height=\"\(n(lane.height))\" rx=\"6\"/>"
        }
        out += "</g>"
    }

    /// A glyph on the box's top-right corner, so the status reads without telling colours apart.
    private static func badge(_ status: StateRunStatus, at p: GraphPoint, into out: inout String) {
        let glyph: String
        switch status {
        case .succeeded: glyph = "\u{2713}"
        case .failed: glyph = "\u{2715}"
        case .caught: glyph = "!"
        case .running: glyph = "\u{21BB}"
        case .cancelled: glyph = "\u{2013}"
        case .notRun: return
        }
        out += "<circle class=\"badge\" cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"7\"/>"
        out += "<text class=\"badge\" x=\"\(n(p.x))\" y=\"\(n(p.y))\" text-anchor=\"middle\">\(glyph)</text>"
    }

    private static func marker(_ node: GraphNode, _ role: String, _ label: String, into out: inout String) {
        let f = node.frame
        out += "<g class=\"marker \(role)\"><rect x=\"\(n(f.x))\" y=\"\(n(f.y))\" width=\"\(n(f.width))\""
        out += " height=\"\(n(f.height))\" rx=\"\(n(f.height / 2))\"/>"
        out += "<text x=\"\(n(f.midX))\" y=\"\(n(f.y + f.height / 2))\" text-anchor=\"middle\">\(label)</text></g>"
    }

    private static func edge(_ edge: GraphEdge, into out: inout String) {
        guard let first = edge.points.first else { return }
        var d = "M\(n(first.x)),\(n(first.y))"
        if edge.isSelfLoop, let last = edge.points.last {
            // Out of the right side, round, and back in lower down.
            let reach = MachineLayout.selfLoopRoom - 4
            d +=
                "C\(n(first.x + reach)),\(n(first.y - 6)) \(n(last.x + reach)),\(n(last.y + 6)) \(n(last.x)),\(n(last.y))"
        } else {
            for (a, b) in zip(edge.points, edge.points.dropFirst()) {
                if a.x == b.x {
                    d += "L\(n(b.x)),\(n(b.y))"
                } else {
                    // Leave and arrive vertically: a curve whose handles sit halfway between the ranks.
                    let mid = (a.y + b.y) / 2
                    d += "C\(n(a.x)),\(n(mid)) \(n(b.x)),\(n(mid)) \(n(b.x)),\(n(b.y))"
                }
            }
        }
        let kind = edge.kind == .next ? "" : " \(edge.kind.rawValue)"
        let back = edge.isBackEdge ? " back" : ""
        let arrow = edge.kind == .catch ? "sluice-graph-arrow-catch" : "sluice-graph-arrow"
        out += "<path class=\"edge\(kind)\(back)\" d=\"\(d)\" marker-end=\"url(#\(arrow))\""
        out += " data-from=\"\(XMLText.escaped(edge.from))\" data-to=\"\(XMLText.escaped(edge.to))\""
        if let label = edge.label {
            out += "><title>\(XMLText.escaped(label))</title></path>"
        } else {
            out += "/>"
        }
    }

    private static func n(_ value: Double) -> String { XMLText.number(value) }
}
