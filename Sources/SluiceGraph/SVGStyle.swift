/// The drawing's styles, inside the SVG so the page needs none of its own. The SVG keeps its natural size (text
/// stays readable; a wide machine scrolls in its container rather than shrinking). Every rule is scoped to
/// `svg.sluice-graph`: a `<style>` inside inline SVG applies to the whole page. Colours follow the AWS console's
/// graph view: green succeeded, red failed, orange caught, blue in progress, grey not run, striped cancelled.
enum SVGStyle {
    static let css = """
        svg.sluice-graph{font-family:"Amazon Ember","Helvetica Neue",Roboto,Arial,\
        "DejaVu Sans",sans-serif}
        svg.sluice-graph text{fill:#16191f;font-size:13px;dominant-baseline:central}
        svg.sluice-graph text.type{fill:#5f6b7a;font-size:10px}
        svg.sluice-graph .edge{fill:none;stroke:#687078;stroke-width:1.5}
        svg.sluice-graph .edge.catch{stroke-dasharray:5 4;stroke:#9b5f00}
        svg.sluice-graph .arrow{fill:#687078}
        svg.sluice-graph .arrow.catch{fill:#9b5f00}
        svg.sluice-graph .marker rect{fill:#414d5c;stroke:none}
        svg.sluice-graph .marker text{fill:#fff;font-size:12px;font-weight:600}
        svg.sluice-graph .state>rect.box{stroke-width:2}
        svg.sluice-graph .state.container>rect.box{fill-opacity:.5}
        svg.sluice-graph .state text.name{font-weight:600}
        svg.sluice-graph .state>rect.lane{fill:#fff;fill-opacity:.7;stroke:#aab7b8;stroke-dasharray:4 3;stroke-width:1}
        svg.sluice-graph .status-succeeded>rect.box{fill:#e9f6e5;stroke:#1d8102}
        svg.sluice-graph .status-failed>rect.box{fill:#fde8e7;stroke:#d13212}
        svg.sluice-graph .status-caught>rect.box{fill:#fff2e0;stroke:#ec7211}
        svg.sluice-graph .status-running>rect.box{fill:#e1f0fb;stroke:#0073bb}
        svg.sluice-graph .status-cancelled>rect.box{fill:url(#sluice-graph-stripes);stroke:#545b64}
        svg.sluice-graph .status-not-run>rect.box{fill:#fafafa;stroke:#aab7b8}
        svg.sluice-graph .status-not-run text.name{fill:#5f6b7a;font-weight:400}
        svg.sluice-graph text.badge{fill:#fff;font-size:10px;font-weight:700}
        svg.sluice-graph .status-succeeded>circle.badge{fill:#1d8102}
        svg.sluice-graph .status-failed>circle.badge{fill:#d13212}
        svg.sluice-graph .status-caught>circle.badge{fill:#ec7211}
        svg.sluice-graph .status-running>circle.badge{fill:#0073bb}
        svg.sluice-graph .status-cancelled>circle.badge{fill:#545b64}
        """

    /// The arrowhead and the cancelled states' stripes.
    static let defs = """
        <defs>\
        <marker id="sluice-graph-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" \
        orient="auto-start-reverse" markerUnits="userSpaceOnUse"><path class="arrow" d="M0,1L10,5L0,9z"/></marker>\
        <marker id="sluice-graph-arrow-catch" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" \
        orient="auto-start-reverse" markerUnits="userSpaceOnUse"><path class="arrow catch" d="M0,1L10,5L0,9z"/></marker>\
        <pattern id="sluice-graph-stripes" width="8" height="8" patternUnits="userSpaceOnUse" \
        patternTransform="rotate(45)"><rect width="8" height="8" fill="#eaeded"/>\
        <rect width="3" height="8" fill="#d5dbdb"/></pattern>\
        </defs>
        """
}
