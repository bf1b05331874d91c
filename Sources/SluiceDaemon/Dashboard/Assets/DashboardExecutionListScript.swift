/// The executions list (`#/executions?status=S&stateMachine=M`), where the overview's counters lead: one page of
/// ListExecutions-style answers at a time, "Load more" following nextToken.
enum DashboardExecutionListScript {
    static let source = #"""
        function executionListSkeleton(status, stateMachine) {
          const machine = stateMachine ? `&stateMachine=${encodeURIComponent(stateMachine)}` : "";
          const filter = (s) => `#/executions?status=${s}${machine}`;
          return `<div id="executions">
          <div class="crumbs">${link(routes.overview(), "Overview")} › Executions</div>
          <div class="title-row"><h1>Executions</h1><div id="status-filter" class="range-picker">${
            ["", ...executionStatuses].map((s) =>
              `<a class="button${s === status ? " selected" : ""}" data-status="${s}"
              href="${esc(s ? filter(s) : "#/executions")}">${esc(s ? statusWords(s) : "All")}</a>`).join("")}</div>
            ${stateMachine ? `<span class="muted">State machine <b>${esc(stateMachine)}</b></span>` : ""}</div>
          <div id="load-error" class="message error"></div>
          <section class="panel grid-row"><table id="execution-list"><thead><tr><th>Name</th><th>State machine</th>
            <th>Status</th><th>Started</th><th>Stopped</th><th class="num">Duration</th></tr></thead><tbody></tbody>
            </table><div class="actions"><button id="load-more" type="button" hidden>Load more</button></div></section>
        </div>`;
        }

        function showExecutionList(query) {
          const status = query.get("status") || "", stateMachine = query.get("stateMachine") || "";
          document.title = `sluice · executions${status ? ` · ${statusWords(status)}` : ""}`;
          $("#app").innerHTML = executionListSkeleton(status, stateMachine);
          const generation = view.generation, shown = [];
          const load = async (token) => {
            const params = new URLSearchParams();
            if (status) params.set("status", status);
            if (stateMachine) params.set("stateMachine", stateMachine);
            if (token) params.set("nextToken", token);
            try {
              const data = await getJSON(`/_sluice/api/executions?${params}`);
              if (generation !== view.generation) return;
              shown.push(...(data.executions || []));
              syncRows($("#execution-list tbody"), shown, {
                key: (e) => e.executionArn, rowClass: "execution", empty: "No executions",
                cells: (e) => [[link(routes.execution(e.executionArn), e.name), "name"], esc(e.stateMachine || ""),
                  statusLabel(e.status), [localTime(e.startDate), "time"], [localTime(e.stopDate), "time"],
                  [elapsed(e), "num"]],
              });
              const more = $("#load-more");
              more.hidden = !data.nextToken;
              more.onclick = () => load(data.nextToken);
            } catch (error) {
              if (generation === view.generation) showError(error);
            }
          };
          return load(null);
        }

        """#
}
