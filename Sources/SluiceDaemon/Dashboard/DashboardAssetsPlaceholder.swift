/// Replaced by the pages' assets (Dashboard/Assets) when they land.
enum DashboardAssets {
    static let files: [String: (contentType: String, body: [UInt8])] = [
        "/": (
            "text/html; charset=utf-8", Array("<!doctype html><title>sluice</title><p id=login-notice>sluice</p>".utf8)
        )
    ]
}
