/// The map-run page (`#/map-runs/ARN`): DescribeMapRun's counters as the console's tables, a progress bar with
/// rate and ETA, the run's graphs, failed child executions, result files; Stop and Redrive (of the parent
/// execution) and UpdateMapRun. Polled every 2 s while the run is RUNNING.
enum DashboardMapRunScript {
    static let source = #"""
        const countFields = [["pending", "Pending"], ["running", "Running"], ["succeeded", "Succeeded"],
          ["failed", "Failed"], ["timedOut", "Timed out"], ["aborted", "Aborted"], ["total", "Total"],
          ["resultsWritten", "Results written"], ["failuresNotRedrivable", "Not redrivable"],
          ["pendingRedrive", "Pending redrive"]];
        const redrivable = ["FAILED", "TIMED_OUT", "ABORTED"];

        function mapRunSkeleton(arn) {
          return `<div id="map-run">
          <div class="crumbs">${link(routes.overview(), "Overview")} › Map run</div>
          <div class="title-row"><h1>${esc(shortArn(arn))}</h1><span id="map-run-status"></span></div>
          <div class="meta"><span>Execution <b id="map-run-execution"></b></span><span>Started <b id="map-run-start">
            </b>
            </span><span>Stopped <b id="map-run-stop"></b></span><span>Redrives <b id="map-run-redrives"></b></span>
              </div>
          <div class="actions"><button id="stop" class="danger" disabled>Stop execution</button>
            <button id="redrive" disabled>Redrive execution</button><div id="action-message" class="message"></div>
              </div>
          <div id="load-error" class="message error"></div>
          <section class="panel grid-row"><h2>Progress</h2>
            <div class="bar big" id="map-run-progress"></div>
            <div class="meta"><span><b id="map-run-progress-text"></b></span><span>Rate <b id="map-run-rate">
              </b> items/s
              </span><span>ETA <b id="map-run-eta"></b></span><span>Duration <b id="map-run-duration"></b></span></div>
          </section>
          <section class="panel grid-row"><h2>Item processing status</h2><table id="map-run-counts"><thead><tr><th></th>
            ${countFields.map(([, label]) => `<th class="num">${label}</th>`).join("")}</tr></thead><tbody>
            <tr><th>Items</th>${countFields.map(([f]) => `<td class="num" id="item-count-${f}">–</td>`).join("")}</tr>
            <tr><th>Child executions</th>${countFields.map(([f]) =>
              `<td class="num" id="execution-count-${f}">–</td>`).join("")}</tr></tbody></table></section>
          <div class="grid two">
            <section class="panel chart-box"><h2>Running child executions</h2><div id="chart-running"></div></section>
            <section class="panel chart-box"><h2>Items per second</h2><div id="chart-items-per-second"></div></section>
          </div>
          <div class="grid side">
            <section class="panel chart-box"><h2>Concurrent executions per function</h2><div id="chart-concurrency">
              </div>
            </section>
            <section class="panel"><h2>Settings</h2><form id="update-map-run" class="inline" novalidate>
              <label>MaxConcurrency<input id="max-concurrency" type="number" min="0" step="1"></label>
              <label>ToleratedFailurePercentage<input id="tolerated-failure-percentage" type="number" min="0" max="100"
                step="any"></label>
              <label>ToleratedFailureCount<input id="tolerated-failure-count" type="number" min="0" step="1"></label>
              <button type="submit" class="primary">Update</button>
              <div id="update-message" class="message"></div></form>
              <p class="muted">0 for MaxConcurrency means no limit (up to 10,000 at once).</p></section>
          </div>
          <section class="panel grid-row"><h2>Failed child executions <span class="muted" id="map-run-failure-count">
            </span>
            </h2><div class="scroll"><table id="map-run-failures"><thead><tr><th>Execution</th><th>Status</th>
            <th>Error</th><th>Cause</th></tr></thead><tbody></tbody></table></div></section>
          <section class="panel grid-row"><h2>Result files</h2><table id="result-files"><thead><tr><th>Bucket</th>
            <th>Key</th><th class="num">Size</th></tr></thead><tbody></tbody></table></section>
        </div>`;
        }

        function bytes(n) {
          if (!(n >= 0)) return "–";
          const units = ["B", "KB", "MB", "GB", "TB"];
          let i = 0;
          while (n >= 1024 && i < units.length - 1) { n /= 1024; i += 1; }
          return `${num(n, i ? 1 : 0)} ${units[i]}`;
        }

        /** Fills an input with the server's value unless the user is editing it. */
        function offer(input, value) {
          if (input.dataset.edited || document.activeElement === input) return;
          input.value = value === null || value === undefined ? "" : String(value);
        }

        function renderMapRun(data) {
          const d = data.describe || {};
          view.mapRun = d;
          setHTML("#map-run-status", statusLabel(d.status));
          setHTML("#map-run-execution", link(routes.execution(d.executionArn), shortArn(d.executionArn)));
          setText("#map-run-start", localTime(d.startDate));
          setText("#map-run-stop", localTime(d.stopDate));
          const redriven = d.redriveDate ? ` (${localTime(d.redriveDate)})` : "";
          setText("#map-run-redrives", `${num(d.redriveCount || 0)}${redriven}`);
          const progress = updateBar($("#map-run-progress"), d.itemCounts || {});
          setText("#map-run-progress-text", progressText(progress));
          const running = d.status === "RUNNING";
          setText("#map-run-eta", running ? duration(data.etaSeconds) : "–");
          const start = seconds(d.startDate);
          const samples = data.samples || [];
          const last = samples.length ? samples[samples.length - 1].t : start;
          const end = seconds(d.stopDate) || Math.max(last, start + 1);
          setText("#map-run-duration", duration(end - start));
        // An ended run's rate is its average over the run.
        setText("#map-run-rate", num(running ? data.itemsPerSecond : progress.done / Math.max(1, end - start), 1));
          for (const [f] of countFields) {
            setText(`#item-count-${f}`, num((d.itemCounts || {})[f] || 0));
            setText(`#execution-count-${f}`, num((d.executionCounts || {})[f] || 0));
          }
          $("#stop").disabled = !running;
          // RedriveExecution redrives the parent execution: offered once it ended FAILED, TIMED_OUT or ABORTED.
          $("#redrive").disabled = !redrivable.includes(data.executionStatus || d.status);
          $("#update-map-run button[type=submit]").disabled = !running;
          offer($("#max-concurrency"), d.maxConcurrency);
          offer($("#tolerated-failure-percentage"), d.toleratedFailurePercentage);
          offer($("#tolerated-failure-count"), d.toleratedFailureCount);
          drawChart($("#chart-running"), { id: "running", from: start, to: end, height: 170,
            series: [{ label: "running", area: true, points: samples.map((s) => [s.t, s.running]) }],
            marks: [{ key: "errors", label: "failed", points: samples.map((s, i) =>
              [s.t, i ? s.failed - samples[i - 1].failed : 0]) }] });
          drawChart($("#chart-items-per-second"), {
            id: "items-per-second", from: start, to: end, height: 170, integer: false,
            series: [{ label: "items/s", color: "#037f0c", area: true,
              points: samples.map((s) => [s.t, s.itemsPerSecond]) }],
          });
          concurrencyChart($("#chart-concurrency"), data.functions || {}, start, end);
          const failures = data.failures || [];
          const counts = d.executionCounts || {};
          const failedTotal = (counts.failed || 0) + (counts.timedOut || 0) + (counts.aborted || 0);
          setText("#map-run-failure-count", failures.length < failedTotal ?
            `(the latest ${num(failures.length)} of ${num(failedTotal)})` : "");
          syncRows($("#map-run-failures tbody"), failures, {
            key: (e) => e.executionArn, rowClass: "failure", empty: "No failed child executions",
            cells: (e) => [link(routes.execution(e.executionArn), e.name), statusLabel(e.status),
              `<span class="error-text">${esc(e.error || "")}</span>`,
              `<div class="cause">${esc(e.cause || "")}</div>`],
          });
          syncRows($("#result-files tbody"), data.resultFiles || [], {
            key: (r) => `${r.bucket}/${r.key}`, empty: "No result files",
            cells: (r) => [esc(r.bucket), `<a class="mono result-file" download href="/_sluice/files/` +
              `${encodeURIComponent(r.bucket)}/${r.key.split("/").map(encodeURIComponent).join("/")}">` +
              `${esc(r.key)}</a>`, [bytes(r.size), "num"]],
          });
        }

        function showMapRun(arn) {
          document.title = "sluice · map run";
          $("#app").innerHTML = mapRunSkeleton(arn);
          // After an action the page stays (its message too); polling starts over, so an ended run that was redriven
          // is followed again.
          const again = () => {
            view.generation += 1;
            poll(`/_sluice/api/map-run?mapRunArn=${encodeURIComponent(arn)}`, 2000, renderMapRun,
              (data) => (data.describe || {}).status === "RUNNING");
          };
          $("#stop").addEventListener("click", () => act("/_sluice/api/stop-execution",
            { executionArn: view.mapRun.executionArn }, "Stop requested.", again));
          $("#redrive").addEventListener("click", () => act("/_sluice/api/redrive-execution",
            { executionArn: view.mapRun.executionArn }, "Redrive requested.", again));
          for (const input of $$("#update-map-run input")) {
            input.addEventListener("input", () => { input.dataset.edited = "1"; });
          }
          $("#update-map-run").addEventListener("submit", (event) => {
            event.preventDefault();
            const body = { mapRunArn: arn };
            const read = (id, key) => { const v = $(id).value.trim(); if (v !== "") body[key] = Number(v); };
            read("#max-concurrency", "maxConcurrency");
            read("#tolerated-failure-percentage", "toleratedFailurePercentage");
            read("#tolerated-failure-count", "toleratedFailureCount");
            act("/_sluice/api/update-map-run", body, "Map run updated.", () => {
              $$("#update-map-run input").forEach((input) => { delete input.dataset.edited; });
              again();
            }, "#update-message");
          });
          again();
        }

        """#
}
