/// The dashboard's files, embedded in the binary: one HTML document, one script and one style sheet, served by
/// path. No build step: the script is the pieces below joined in order (each declares functions the later ones
/// call), wrapped in one function so nothing leaks into the page's global scope.
package enum DashboardAssets {
    /// The script's pieces, in the order they are joined; `.ci/dashboard-fixtures.py` reads this list too.
    static let scriptPieces: [String] = [
        DashboardBaseScript.source,
        DashboardChartScript.source,
        DashboardOverviewScript.source,
        DashboardMapRunScript.source,
        DashboardExecutionScript.source,
        DashboardExecutionListScript.source,
        DashboardFunctionScript.source,
        DashboardAppScript.source,
    ]

    /// Keyed by request path.
    package static let files: [String: (contentType: String, body: [UInt8])] = [
        "/": (contentType: "text/html; charset=utf-8", body: Array(DashboardPage.source.utf8)),
        "/_sluice/app.js": (contentType: "text/javascript; charset=utf-8", body: Array(script.utf8)),
        "/_sluice/app.css": (contentType: "text/css; charset=utf-8", body: Array(DashboardStyles.source.utf8)),
    ]

    static var script: String {
        "\"use strict\";\n(() => {\n" + scriptPieces.joined(separator: "\n") + "\n})();\n"
    }
}
