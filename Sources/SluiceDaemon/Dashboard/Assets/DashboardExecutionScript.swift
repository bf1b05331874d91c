/// The execution page (`#/executions/ARN`): DescribeExecution's fields, the server-drawn graph of its state
/// machine, the event history (new events appended, a details toggle per event), input and output, its map runs,
/// Stop and Redrive. Polled every second while RUNNING.
enum DashboardExecutionScript {
    static let source = #"""
        const stateLegend = [["SUCCEEDED", "Succeeded"], ["FAILED", "Failed"], ["CAUGHT", "Caught error"],
          ["RUNNING", "In progress"], ["CANCELLED", "Cancelled"], ["NOT_RUN", "Not run"]];

        function executionSkeleton(arn) {
          return `<div id="execution">
          <div class="crumbs">${link(routes.overview(), "Overview")} › Execution</div>
          <div class="title-row"><h1 id="execution-name">${esc(shortArn(arn))}</h1><span id="execution-status">
            </span></div>
          <div class="actions"><button id="stop" class="danger" disabled>Stop execution</button>
            <button id="redrive" disabled>Redrive</button><div id="action-message" class="message"></div></div>
          <div id="load-error" class="message error"></div>
          <div class="grid side">
            <section class="panel"><h2>Graph view</h2><div id="execution-graph" class="graph-view"></div>
              <div class="meta">${stateLegend.map(([s, l]) => `<span class="status ${s}">${l}</span>`).join("")}</div>
              <details id="execution-states"><summary>States</summary><table><tbody></tbody></table></details>
            </section>
            <section class="panel"><h2>Details</h2><dl class="fields" id="execution-fields"></dl>
              <h2 class="grid-row"></h2><h2>Map runs</h2><ul id="execution-map-runs"></ul></section>
          </div>
          <div class="grid two">
            <section class="panel"><h2>Input</h2><pre id="execution-input"></pre></section>
            <section class="panel"><h2>Output</h2><pre id="execution-output"></pre></section>
          </div>
          <section class="panel grid-row"><h2>Events <span class="muted" id="events-note"></span></h2>
            <table id="events"><thead><tr><th class="num">ID</th><th>Timestamp</th><th class="num">Elapsed</th>
              <th>Type</th>
            <th>State</th><th></th></tr></thead><tbody></tbody></table></section>
        </div>`;
        }

        /** Pretty-prints a JSON document given as a string (as DescribeExecution gives input and output). */
        function pretty(text) {
          if (text === null || text === undefined) return "";
          try { return JSON.stringify(JSON.parse(text), null, 2); } catch (e) { return String(text); }
        }

        function eventDetails(event) {
          const key = Object.keys(event).find((k) => k.endsWith("EventDetails"));
          return key ? event[key] : null;
        }

        function renderExecution(data) {
          const d = data.describe || {};
          view.execution = d;
          setText("#execution-name", d.name || shortArn(d.executionArn));
          setHTML("#execution-status", statusLabel(d.status));
          document.title = `sluice · ${d.name || "execution"}`;
          const start = seconds(d.startDate), stop = seconds(d.stopDate);
          const fields = [
            ["Status", statusLabel(d.status)],
            ["State machine", esc(shortArn(d.stateMachineArn))],
            ["Execution ARN", `<span class="mono">${esc(d.executionArn)}</span>`],
            ["Started", esc(localTime(d.startDate))],
            ["Stopped", esc(localTime(d.stopDate))],
            ["Duration", esc(start ? duration((stop || Date.now() / 1000) - start) : "–")],
          ];
          if (d.error) fields.push(["Error", `<span class="error-text">${esc(d.error)}</span>`]);
          if (d.cause) fields.push(["Cause", `<span class="cause">${esc(d.cause)}</span>`]);
          if (d.mapRunArn) fields.push(["Parent map run", link(routes.mapRun(d.mapRunArn), shortArn(d.mapRunArn))]);
          if (d.redriveCount) fields.push(["Redrives", esc(`${num(d.redriveCount)} (${localTime(d.redriveDate)})`)]);
          if (d.redriveStatus) fields.push(["Redrive status", esc(d.redriveStatus + (d.redriveStatusReason ?
            `: ${d.redriveStatusReason}` : ""))]);
          setHTML("#execution-fields", fields.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join(""));
          setHTML("#execution-graph", data.graph || `<p class="empty">No graph</p>`);
          // The graph's states as a list too: what happened to each, readable without the picture.
          const states = Object.entries(data.states || {});
          setText("#execution-states summary", `States (${states.length})`);
          syncRows($("#execution-states tbody"), states, {
            key: ([name]) => name, rowClass: "state", attrs: ([name]) => ({ "data-state": name }),
            cells: ([name, status]) => [esc(name), statusLabel(status)], after: (tr, [, status]) => {
              tr.dataset.status = status;
            },
          });
          setText("#execution-input", pretty(d.input));
          setText("#execution-output", d.output === undefined || d.output === null ? "" : pretty(d.output));
          setHTML("#execution-map-runs", (data.mapRuns || []).map((m) =>
            `<li>${link(routes.mapRun(m.mapRunArn), shortArn(m.mapRunArn))} ${statusLabel(m.status)}</li>`).join("") ||
            `<li class="empty">None</li>`);
          $("#stop").disabled = d.status !== "RUNNING";
          $("#redrive").disabled = !redrivable.includes(d.status);
          appendEvents(data.events || [], start);
          setText("#events-note", data.eventsTruncated ? `(the first ${num((data.events || []).length)} shown)` : "");
        }

        /** Appends the events not shown yet (a redrive or a running execution adds some); open details stay open. */
        function appendEvents(events, start) {
          const tbody = $("#events tbody");
          const shown = tbody.__states || (tbody.__states = new Map());
          const rows = [];
          for (const event of events) {
            const details = eventDetails(event) || {};
            const state = details.name || shown.get(event.previousEventId) || "";
            if (shown.has(event.id)) continue;
            shown.set(event.id, state);
            const t = seconds(event.timestamp);
            rows.push(`<tr class="event" data-event-id="${esc(event.id)}"><td class="num">${esc(event.id)}</td>` +
              `<td>${esc(localTime(event.timestamp, true))}</td>` +
              `<td class="num">${t && start ? num((t - start) * 1000) + " ms" : ""}</td>` +
              `<td class="${/Failed|TimedOut|Aborted/.test(event.type) ? "error-text" : ""}">${esc(event.type)}</td>` +
              `<td>${esc(state)}</td><td><button class="toggle" type="button">details</button></td></tr>`);
            tbody.__events = tbody.__events || new Map();
            tbody.__events.set(String(event.id), event);
          }
          if (rows.length) tbody.insertAdjacentHTML("beforeend", rows.join(""));
          if (!tbody.__click) {
            tbody.__click = true;
            tbody.addEventListener("click", (e) => {
              const button = e.target.closest("button.toggle");
              if (!button) return;
              const tr = button.closest("tr.event");
              const next = tr.nextElementSibling;
              if (next && next.classList.contains("event-details")) {
                next.remove();
                button.textContent = "details";
                return;
              }
              const event = tbody.__events.get(tr.dataset.eventId);
              tr.insertAdjacentHTML("afterend", `<tr class="event-details"><td colspan="6"><pre>` +
                `${esc(JSON.stringify(event, detailsReplacer, 2))}</pre></td></tr>`);
              button.textContent = "hide";
            });
          }
        }

        /** Shows JSON strings inside an event's details (input, output) as JSON, not as one escaped line. */
        function detailsReplacer(key, value) {
          if (typeof value === "string" && /^(input|output|result|parameters)$/.test(key)) {
            try { return JSON.parse(value); } catch (e) { return value; }
          }
          return value;
        }

        function showExecution(arn) {
          document.title = "sluice · execution";
          $("#app").innerHTML = executionSkeleton(arn);
          const again = () => {
            view.generation += 1;
            poll(`/_sluice/api/execution?executionArn=${encodeURIComponent(arn)}`, 1000, renderExecution,
              (data) => (data.describe || {}).status === "RUNNING");
          };
          $("#stop").addEventListener("click", () => act("/_sluice/api/stop-execution", { executionArn: arn },
            "Stop requested.", again));
          $("#redrive").addEventListener("click", () => act("/_sluice/api/redrive-execution", { executionArn: arn },
            "Redrive requested.", again));
          again();
        }

        """#
}
