/// The function page (`#/functions/NAME?range=SECONDS`): its settings and CloudWatch's Lambda graphs
/// (invocations, errors, throttles, duration p50 / p99, concurrent executions) over 1 h, 6 h, 24 h or 7 d.
enum DashboardFunctionScript {
    static let source = #"""
        const functionRanges = [[3600, "1 h"], [21600, "6 h"], [86400, "24 h"], [604800, "7 d"]];

        function functionSkeleton(name, range) {
          const chart = (id, title) =>
            `<section class="panel chart-box"><h2>${title}</h2><div id="chart-${id}"></div></section>`;
          return `<div id="function">
          <div class="crumbs">${link(routes.overview(), "Overview")} › Function</div>
          <div class="title-row"><h1>${esc(name)}</h1><div id="range-picker" class="range-picker">${functionRanges.map(
            ([s, l]) =>
              `<button type="button" data-range="${s}"${s === range ? ` class="selected"` : ""}>${l}</button>`)
            .join("")}</div></div>
          <div id="load-error" class="message error"></div>
          <section class="panel grid-row"><dl class="fields row" id="function-settings"></dl></section>
          <div class="grid-row">${chart("concurrency", "Concurrent executions")}</div>
          <div class="grid two">${chart("invocations", "Invocations")}${chart("duration", "Duration (ms)")}</div>
          <div class="grid two">${chart("errors", "Errors")}${chart("throttles", "Throttles")}</div>
        </div>`;
        }

        function renderFunction(data, range) {
          const optional = (v) => (v === null || v === undefined ? "none" : num(v));
          setHTML("#function-settings", [["Runtime", esc(data.runtime || "–")],
            ["Timeout", esc(`${num(data.timeout)} s`)],
            ["Reserved concurrency", esc(optional(data.reservedConcurrency))],
            ["Provisioned concurrency", esc(num(data.provisionedConcurrency || 0))],
            ["Concurrent now", `<b id="function-concurrent">${esc(num(data.concurrent || 0))}</b>`],
            ["Workers run", `<span id="function-placement">${esc(placementText(data.agents))}</span>`]]
            .map(([k, v]) => `<div><dt>${esc(k)}</dt><dd>${v}</dd></div>`).join(""));
          const to = seconds(data.now) || Date.now() / 1000, from = to - range, step = data.step || 1;
          const samples = data.samples || [];
          const series = (key) => samples.map((s) => [s.t, s[key]]);
          const perStep = step === 1 ? "per second" : "per minute";
          drawChart($("#chart-concurrency"), { id: "concurrency", from, to, step, height: 200,
            series: [{ label: step === 1 ? "concurrent" : "peak concurrent", area: true,
              points: series("concurrent") }],
            marks: [{ key: "throttles", label: "throttles", points: series("throttles") },
              { key: "errors", label: "errors", points: series("errors") }] });
          drawChart($("#chart-invocations"), { id: "invocations", from, to, step,
            series: [{ label: `invocations ${perStep}`, points: series("invocations") }] });
          drawChart($("#chart-duration"), { id: "duration", from, to, step, unit: "ms", integer: false,
            series: [{ label: "p50", points: series("durationP50") }, { label: "p99", color: "#e07941",
              points: series("durationP99") }] });
          drawChart($("#chart-errors"), { id: "errors", from, to, step,
            series: [{ label: `errors ${perStep}`, color: "#d91515", points: series("errors") }] });
          drawChart($("#chart-throttles"), { id: "throttles", from, to, step,
            series: [{ label: `throttles ${perStep}`, color: "#9d6c00", points: series("throttles") }] });
        }

        function showFunction(name, query) {
          const asked = Number(query.get("range")) || 3600;
          const range = functionRanges.some(([s]) => s === asked) ? asked : 3600;
          document.title = `sluice · ${name}`;
          $("#app").innerHTML = functionSkeleton(name, range);
          $("#range-picker").addEventListener("click", (event) => {
            const button = event.target.closest("button[data-range]");
            if (button) location.hash = `${routes.fn(name)}?range=${button.dataset.range}`;
          });
          const path = `/_sluice/api/function?name=${encodeURIComponent(name)}&range=${range}`;
          return poll(path, range <= 7200 ? 2000 : 60000,
            (data) => renderFunction(data, range));
        }

        """#
}
