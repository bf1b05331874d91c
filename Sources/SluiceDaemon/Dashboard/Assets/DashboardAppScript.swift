/// The script's last piece: the hash router (`#/`, `#/map-runs/ARN`, `#/executions/ARN`, `#/functions/NAME`,
/// `#/executions?status=S`)
/// and the start. The header's user comes from the overview's answer, asked once on the other pages.
enum DashboardAppScript {
    static let source = #"""
        function showRoute() {
          view.generation += 1;
          hideTip(document);
          const hash = location.hash || "#/";
          const [path, search] = hash.slice(1).split("?");
          const query = new URLSearchParams(search || "");
          if (path === "/executions") return showExecutionList(query);
          const match = path.match(/^\/(map-runs|executions|functions)\/(.+)$/);
          if (!match) return showOverview();
          const id = decodeURIComponent(match[2]);
          if (!view.user) {
            getJSON("/_sluice/api/overview").then((data) => setUser(data.user || "")).catch((error) => {
              if (error instanceof Unauthorized) showLogin();
            });
          }
          if (match[1] === "map-runs") return showMapRun(id);
          if (match[1] === "executions") return showExecution(id);
          return showFunction(id, query);
        }

        window.addEventListener("hashchange", () => { window.scrollTo(0, 0); showRoute(); });
        showRoute();

        """#
}
