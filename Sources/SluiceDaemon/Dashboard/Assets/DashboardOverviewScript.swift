/// The overview page (`#/`): executions by status, map runs with progress, functions' concurrency now and over
/// the last 10 minutes, workers, deliveries, recent failures and executions; polled every second and updated in
/// place.
enum DashboardOverviewScript {
    static let source = #"""
        const executionStatuses = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"];

        function overviewSkeleton() {
          return `<div id="overview">
          <div id="load-error" class="message error"></div>
          <section class="panel grid-row"><h2>Executions</h2><div class="counters">${executionStatuses.map((s) =>
            `<div class="counter ${s}"><div class="label">${esc(statusWords(s))}</div>` +
            `<a class="value" id="exec-count-${s}" href="#/executions?status=${s}">–</a></div>`).join("")}
            </div></section>
          <div class="grid side">
            <section class="panel chart-box"><h2>Concurrent executions per function <span class="muted">last 10 minutes
              </span></h2><div id="concurrency-chart"></div></section>
            <div class="grid">
              <section class="panel"><h2>Workers</h2><div class="bar big" id="workers-bar"><span class="busy"></span>
                </div>
                <div class="bar-label"><span id="workers-busy">–</span> busy of
                  <span id="workers-max">–</span></div>
              </section>
              <section class="panel"><h2>Deliveries</h2><dl class="fields">
                <dt>queued</dt><dd id="deliveries-queued">–</dd>
                  <dt>delivered</dt><dd id="deliveries-delivered">–</dd>
                <dt>dead-lettered</dt><dd id="deliveries-dead-lettered">–</dd></dl></section>
            </div>
          </div>
          <section class="panel grid-row"><h2>Functions</h2><table id="functions"><thead><tr><th>Function</th>
            <th class="num">Concurrent now</th><th class="num">Reserved</th><th class="num">Provisioned</th>
            <th class="num">Invocations</th><th class="num">Errors</th><th class="num">Throttles</th>
            <th>Workers run</th></tr></thead>
            <tbody></tbody></table></section>
          <section class="panel grid-row"><h2>Map runs</h2><table id="map-runs"><thead><tr><th>Map run</th>
            <th>Status</th><th class="progress">Progress</th><th class="num">Items/s</th><th class="num">ETA</th>
              <th>Started</th></tr></thead>
            <tbody></tbody></table></section>
          <div class="grid wide-left">
            <section class="panel"><h2>Recent failures</h2><div class="scroll"><table id="recent-failures"><thead><tr>
              <th>Execution</th><th>Status</th><th>Stopped</th><th>Error</th></tr></thead><tbody></tbody></table></div>
            </section>
            <section class="panel"><h2>Recent executions</h2><div class="scroll"><table id="recent-executions"><thead>
              <tr><th>Execution</th><th>Status</th><th>Started</th><th class="num">Duration</th></tr>
              </thead><tbody></tbody></table></div></section>
          </div>
        </div>`;
        }

        function elapsed(item) {
          const start = seconds(item.startDate), stop = seconds(item.stopDate);
          return start && stop ? duration(stop - start) : "–";
        }

        function renderOverview(data) {
          if (!$("#overview")) $("#app").innerHTML = overviewSkeleton();
          for (const s of executionStatuses) setText(`#exec-count-${s}`, num((data.executions || {})[s] || 0));
          const workers = data.workers || { busy: 0, max: 0 };
          setText("#workers-busy", num(workers.busy));
          setText("#workers-max", num(workers.max));
          $("#workers-bar .busy").style.width = `${workers.max ? (100 * workers.busy) / workers.max : 0}%`;
          const deliveries = data.deliveries || {};
          setText("#deliveries-queued", num(deliveries.queued || 0));
          setText("#deliveries-delivered", num(deliveries.delivered || 0));
          setText("#deliveries-dead-lettered", num(deliveries.deadLettered || 0));
          syncRows($("#functions tbody"), data.functions || [], {
            key: (f) => f.name, rowClass: "function", attrs: (f) => ({ "data-function": f.name }),
            empty: "No functions",
            cells: (f) => [link(routes.fn(f.name), f.name), [num(f.concurrent), "num concurrent"],
              [f.reservedConcurrency === null || f.reservedConcurrency === undefined ? "–" :
                num(f.reservedConcurrency),
                "num"], [num(f.provisionedConcurrency || 0), "num"], [num(f.invocations || 0), "num"],
              [num(f.errors || 0), f.errors ? "num error-text" : "num"], [num(f.throttles || 0), "num"],
              [esc(placementText(f.agents)), "placement"]],
          });
          syncRows($("#map-runs tbody"), data.mapRuns || [], {
            key: (m) => m.mapRunArn, rowClass: "map-run", attrs: (m) => ({ "data-map-run-arn": m.mapRunArn }),
            empty: "No map runs",
            cells: (m) => [link(routes.mapRun(m.mapRunArn), shortArn(m.mapRunArn)), statusLabel(m.status),
              [`<div class="bar"></div><div class="bar-label"></div>`, "progress"],
              [m.status === "RUNNING" ? num(m.itemsPerSecond, 1) : "–", "num rate"],
              [m.status === "RUNNING" ? duration(m.etaSeconds) : "–", "num eta"], [localTime(m.startDate), "time"]],
            after: (tr, m) => setText($(".bar-label", tr), progressText(updateBar($(".bar", tr), m.itemCounts || {}))),
          });
          syncRows($("#recent-failures tbody"), data.recentFailures || [], {
            key: (e) => e.executionArn, rowClass: "failure", empty: "No failures",
            cells: (e) => [[`${link(routes.execution(e.executionArn), e.name)}<div class="muted">` +
              `${esc(e.stateMachine || "")}</div>`, "name"], statusLabel(e.status), [shortTime(e.stopDate), "time"],
              `<div class="error-text">${esc(e.error || "")}</div>` +
              `<div class="cause" title="${esc(e.cause || "")}">${esc(e.cause || "")}</div>`],
          });
          syncRows($("#recent-executions tbody"), data.recentExecutions || [], {
            key: (e) => e.executionArn, rowClass: "execution", empty: "No executions",
            cells: (e) => [[`<a href="${esc(routes.execution(e.executionArn))}" title="${esc(e.stateMachine || "")}">` +
              `${esc(e.name)}</a>`, "name"], statusLabel(e.status),
              [shortTime(e.startDate), "time"], [elapsed(e), "num"]],
          });
          const concurrency = data.concurrency || { functions: {} };
          const to = seconds(data.now) || Date.now() / 1000;
          const from = Math.min(concurrency.from || to - 600, to - 600);
          concurrencyChart($("#concurrency-chart"), concurrency.functions, from,
            to, concurrency.step || 1);
        }

        function showOverview() {
          document.title = "sluice · overview";
          $("#app").innerHTML = overviewSkeleton();
          return poll("/_sluice/api/overview", 1000, renderOverview);
        }

        """#
}
