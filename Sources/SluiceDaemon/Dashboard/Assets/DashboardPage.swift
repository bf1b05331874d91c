/// The dashboard's one HTML document: a header and an empty main element the script fills for the hash route.
enum DashboardPage {
    static let source = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>sluice</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/_sluice/app.css">
        </head>
        <body>
        <header id="top">
          <a class="brand" href="#/">sluice</a>
          <nav><a href="#/" id="nav-overview">Overview</a></nav>
          <span id="user" class="user"></span>
        </header>
        <main id="app"><p class="loading">Loading…</p></main>
        <div id="chart-tip" class="chart-tip" hidden></div>
        <script src="/_sluice/app.js"></script>
        </body>
        </html>

        """#
}
