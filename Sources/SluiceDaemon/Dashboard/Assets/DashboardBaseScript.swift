/// The script's first piece: the selectors tests rely on (documented here, once), and the helpers every page
/// uses: escaping, formatting, the JSON API with its 401 (the login notice) and CSRF header, polling that stops
/// when the page changes, and updates in place that touch the DOM only when the text changed (no flicker, the
/// scroll position kept).
enum DashboardBaseScript {
    static let source = #"""
        /* sluice dashboard. Stable selectors (tests use them):
         *   header: #user (the logged-in user); document.title is "sluice · <page>"
         *   no login (any API answered 401): #login-notice, the only thing in #app
         *   load errors other than 401: #load-error (text), the page keeps polling
         *   overview (#overview): #exec-count-RUNNING … #exec-count-PENDING_REDRIVE (numbers as text, "1,234";
         *     links to the list), #map-runs tr.map-run[data-map-run-arn] with .progress .bar[data-done][data-total],
         *     td.rate,
         *     td.eta; #functions tr.function[data-function] with td.concurrent; #workers-busy, #workers-max,
         *     #workers-bar; #deliveries-queued, #deliveries-delivered, #deliveries-dead-lettered;
         *     #recent-failures tr.failure a, #recent-executions tr.execution a;
         *     #concurrency-chart svg.chart[data-series=concurrency]
         *   map run (#map-run): #map-run-status .status.<STATUS>, #map-run-progress (.bar: data-done, data-total),
         *     #map-run-progress-text, #map-run-rate, #map-run-eta, #map-run-duration, #item-count-<field> and
         *     #execution-count-<field> (DescribeMapRun's fields: pending, running, succeeded, failed, timedOut,
         *     aborted, total, resultsWritten, failuresNotRedrivable, pendingRedrive), #chart-running,
         *     #chart-items-per-second,
         *     #chart-concurrency holding svg.chart[data-series=running|items-per-second|concurrency],
         *     #map-run-failures tr.failure, #result-files tr[data-key] a.result-file (a download), #stop, #redrive, #update-map-run (a form:
         *     #max-concurrency, #tolerated-failure-percentage, #tolerated-failure-count, button[type=submit]),
         *     #action-message (.ok or .error with the answer's "error: message"; the form's own answer in
         *     #update-message)
         *   execution (#execution): #execution-status .status.<STATUS>, #execution-graph svg (the server's),
         *     #execution-fields, #execution-states tr.state[data-state][data-status] (the answer's `states`),
         *     #events tr.event[data-event-id] with button.toggle opening tr.event-details pre,
         *     #execution-input, #execution-output, #execution-map-runs a, #stop, #redrive, #action-message
         *   function (#function): #function-settings, #function-concurrent, #range-picker
         *     button[data-range=3600|21600|86400|604800] (.selected), #chart-<series> holding
         *     svg.chart[data-series=concurrency|invocations|duration|errors|throttles]
         *   executions list (#executions, #/executions?status=S): #status-filter a[data-status] (.selected),
         *     #execution-list tr.execution, #load-more (hidden without a nextToken)
         *   every chart: svg.chart[data-series][data-points=N] (N: points of its longest series), per series
         *     g.series-group[data-label][data-points] holding one path.series per run (a hole of more than two steps
         *     starts a new path), g.marks[data-mark=throttles|errors][data-points], .legend, a hover readout
         *     (#chart-tip)
         */
        const $ = (selector, root = document) => root.querySelector(selector);
        const $$ = (selector, root = document) => Array.from(root.querySelectorAll(selector));

        function esc(value) {
          return String(value ?? "").replace(/[&<>"']/g, (c) =>
            ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
        }

        function num(value, digits = 0) {
          if (value === null || value === undefined || Number.isNaN(value)) return "–";
          return Number(value).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: 0 });
        }

        function pad2(n) { return String(n).padStart(2, "0"); }

        /** Where a function's workers run: "here", or its Slurm agents ("Slurm debug: 3 running on n1×2, n2×1, ..."). */
        function placementText(agents) {
          if (!agents) return "here";
          const nodes = Object.entries(agents.nodes || {}).map(([n, c]) => `${n}×${c}`).join(", ");
          return `Slurm ${agents.partition}: ${num(agents.running)} running${nodes ? ` on ${nodes}` : ""}, ` +
            `${num(agents.pending)} pending, ${num(agents.connected)} connected, ${num(agents.busy)} busy` +
            (agents.problem ? ` (${agents.problem})` : "");
        }

        /** An ISO time or Unix seconds as local "2026-12-06 19:00:00" (with ".123" when `millis`). */
        function localTime(value, millis = false) {
          if (value === null || value === undefined || value === "") return "–";
          const d = typeof value === "number" ? new Date(value * 1000) : new Date(value);
          if (Number.isNaN(d.getTime())) return String(value);
          return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ` +
            `${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}` +
            (millis ? `.${String(d.getMilliseconds()).padStart(3, "0")}` : "");
        }

        /** Like localTime, without the date when it is today's. */
        function shortTime(value) {
          const text = localTime(value);
          return text.startsWith(localTime(Date.now() / 1000).slice(0, 10)) ? text.slice(11) : text;
        }

        function seconds(iso) { return iso ? Date.parse(iso) / 1000 : null; }

        /** 3725 → "1 h 2 min"; 1810 → "30 min"; 75 → "1 min 15 s". */
        function duration(s) {
          if (s === null || s === undefined || !Number.isFinite(s)) return "–";
          s = Math.max(0, Math.round(s));
          if (s < 60) return `${s} s`;
          if (s < 600) return `${Math.floor(s / 60)} min ${s % 60} s`;
          if (s < 3600) return `${Math.round(s / 60)} min`;
          if (s < 86400) return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
          return `${Math.floor(s / 86400)} d ${Math.floor((s % 86400) / 3600)} h`;
        }

        /** "TIMED_OUT" → "Timed out", as the console writes statuses. */
        function statusWords(status) {
          const words = String(status).replace(/_/g, " ").toLowerCase();
          return words.charAt(0).toUpperCase() + words.slice(1);
        }

        function statusLabel(status) {
          return status ? `<span class="status ${esc(status)}">${esc(statusWords(status))}</span>` : "–";
        }

        /** The last part of an ARN, for display. */
        function shortArn(arn) {
          const parts = String(arn ?? "").split(":");
          return parts.slice(6).join(":") || String(arn ?? "");
        }

        const routes = {
          overview: () => "#/",
          mapRun: (arn) => `#/map-runs/${encodeURIComponent(arn)}`,
          execution: (arn) => `#/executions/${encodeURIComponent(arn)}`,
          fn: (name) => `#/functions/${encodeURIComponent(name)}`,
        };

        function link(href, text, cls = "") {
          return `<a href="${esc(href)}"${cls ? ` class="${cls}"` : ""}>${esc(text)}</a>`;
        }

        /** Sets an element's text only when it changed, so unchanged parts of the page are not repainted. */
        function setText(selector, text, root = document) {
          const el = typeof selector === "string" ? $(selector, root) : selector;
          if (el && el.textContent !== String(text)) el.textContent = String(text);
        }

        function setHTML(selector, html, root = document) {
          const el = typeof selector === "string" ? $(selector, root) : selector;
          if (el && el.__html !== html) { el.innerHTML = html; el.__html = html; }
        }

        /** The page being shown; a poll or answer for an older page is dropped. */
        const view = { generation: 0, csrf: "", user: "" };

        class Unauthorized extends Error {}

        class ApiError extends Error {
          constructor(status, body) {
            super(body && (body.message || body.error) ? `${body.error || "Error"}: ${body.message || ""}` :
              `HTTP ${status}`);
            this.status = status;
            this.body = body;
          }
        }

        async function getJSON(path) {
          const response = await fetch(path, { credentials: "same-origin", headers: { Accept: "application/json" } });
          if (response.status === 401) throw new Unauthorized();
          const body = await response.json().catch(() => null);
          if (!response.ok) throw new ApiError(response.status, body);
          return body;
        }

        async function postJSON(path, body) {
          const response = await fetch(path, {
            method: "POST", credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-Sluice-CSRF": view.csrf },
            body: JSON.stringify(body),
          });
          if (response.status === 401) throw new Unauthorized();
          const answer = await response.json().catch(() => null);
          if (!response.ok) throw new ApiError(response.status, answer);
          return answer;
        }

        function showLogin() {
          view.generation += 1;
          view.user = "";
          setText("#user", "");
          document.title = "sluice · login";
          $("#app").innerHTML = `<div id="login-notice" class="panel notice">
            <h1>Log in to see sluice</h1>
            <p>The dashboard shows executions' inputs and outputs, so it needs a login. On the machine running sluiced,
            run <code>sluice dashboard</code>: it prints a one-time login URL for your user. Open that URL in this
            browser.</p></div>`;
        }

        function showError(error) {
          if (error instanceof Unauthorized) { showLogin(); return true; }
          const box = $("#load-error");
          if (box) box.textContent = `Could not load: ${error.message}`;
          return false;
        }

        /**
         * Loads `path` now and then every `everyMs` while the page stays and `more(data)` says so; `render` updates the
         * page in place. Failures other than a 401 are shown and retried.
         */
        function poll(path, everyMs, render, more = () => true) {
          const generation = view.generation;
          const tick = async () => {
            if (generation !== view.generation) return;
            let again = true;
            try {
              const data = await getJSON(typeof path === "function" ? path() : path);
              if (generation !== view.generation) return;
              if (data && data.csrf) view.csrf = data.csrf;
              if (data && data.user) setUser(data.user);
              const box = $("#load-error");
              if (box) box.textContent = "";
              render(data);
              again = more(data);
            } catch (error) {
              if (generation !== view.generation) return;
              if (showError(error)) return;
              console.error(error);
            }
            if (again && generation === view.generation) setTimeout(tick, everyMs);
          };
          return tick();
        }

        function setUser(user) {
          view.user = user;
          setText("#user", user);
        }

        /** Runs a POST for a button or form, showing the answer (a 4xx's error) in `where` (#action-message). */
        async function act(path, body, okText, after, where = "#action-message") {
          $$(".message.ok, .message.error").forEach((old) => { if (old.id !== "load-error") old.textContent = ""; });
          const box = $(where);
          if (box) { box.className = "message"; box.textContent = ""; }
          try {
            await postJSON(path, body);
            if (box) { box.className = "message ok"; box.textContent = okText; }
            if (after) after();
          } catch (error) {
            if (error instanceof Unauthorized) { showLogin(); return; }
            if (box) { box.className = "message error"; box.textContent = error.message; }
          }
        }

        /**
         * Brings a tbody's rows to `items` in order, reusing the row of each key (so nothing repaints that did not
         * change): `cells(item)` gives each cell's HTML, `after(tr, item)` finishes a row (bars), `empty` is the text
         * shown when there are none.
         */
        function syncRows(tbody, items, { key, rowClass = "", attrs = () => ({}), cells, after, empty = "None" }) {
          if (!tbody) return;
          const existing = new Map($$(":scope > tr[data-key]", tbody).map((tr) => [tr.dataset.key, tr]));
          $$(":scope > tr.empty-row", tbody).forEach((tr) => { if (items.length) tr.remove(); });
          if (!items.length && !$(":scope > tr.empty-row", tbody)) {
            const columns = $$("thead th", tbody.parentElement).length || 1;
            tbody.insertAdjacentHTML("afterbegin", `<tr class="empty-row"><td colspan="${columns}" class="empty">` +
              `${esc(empty)}</td></tr>`);
          }
          let previous = null;
          for (const item of items) {
            const k = String(key(item));
            let tr = existing.get(k);
            existing.delete(k);
            if (!tr) {
              tr = document.createElement("tr");
              tr.dataset.key = k;
              if (rowClass) tr.className = rowClass;
              for (const [name, value] of Object.entries(attrs(item))) tr.setAttribute(name, value);
            }
            const html = cells(item);
            while (tr.children.length > html.length) tr.lastElementChild.remove();
            html.forEach((cell, i) => {
              const [content, cls] = Array.isArray(cell) ? cell : [cell, ""];
              let td = tr.children[i];
              if (!td) { td = document.createElement("td"); tr.appendChild(td); }
              if (td.className !== cls) td.className = cls;
              setHTML(td, content);
            });
            if (after) after(tr, item);
            const want = previous ? previous.nextElementSibling : tbody.firstElementChild;
            if (want !== tr) tbody.insertBefore(tr, want);
            previous = tr;
          }
          existing.forEach((tr) => tr.remove());
        }

        /** A progress bar of DescribeMapRun-style counts: finished parts coloured by outcome, running in blue. */
        function updateBar(bar, counts) {
          const parts = ["succeeded", "failed", "timedOut", "aborted", "running"];
          if (bar.children.length !== parts.length) {
            bar.innerHTML = parts.map((p) => `<span class="${p}"></span>`).join("");
          }
          const total = Math.max(1, counts.total || 0);
          parts.forEach((p, i) => { bar.children[i].style.width = `${(100 * (counts[p] || 0)) / total}%`; });
          const done = (counts.succeeded || 0) + (counts.failed || 0) + (counts.timedOut || 0) + (counts.aborted || 0);
          bar.dataset.done = String(done);
          bar.dataset.total = String(counts.total || 0);
          return { done, total: counts.total || 0, percent: counts.total ? (100 * done) / counts.total : 0 };
        }

        function progressText(p) {
          return `${num(p.done)} / ${num(p.total)} (${num(p.percent, 1)} %)`;
        }

        """#
}
