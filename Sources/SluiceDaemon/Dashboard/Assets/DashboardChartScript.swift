/// The script's charts: one function drawing a time series as SVG (time ticks in local time, y ticks, a line
/// and optional area per series, counts such as throttles as marks under the plot, a legend, a hover readout).
/// A hole of more than two steps in a series is a gap: the line stops and starts again after it.
enum DashboardChartScript {
    static let source = #"""
        const palette = ["#0972d3", "#e07941", "#037f0c", "#8456ce", "#c33d69", "#2ea597", "#7d8998", "#b2911c"];
        const markColors = { errors: "#d91515", throttles: "#9d6c00" };
        const timeSteps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
          172800];
        const monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

        /** Round numbers for a y axis from 0 to at least `max`. */
        function niceTicks(max, count = 4, integer = false) {
          if (!(max > 0)) max = 1;
          const raw = max / count;
          const power = Math.pow(10, Math.floor(Math.log10(raw)));
          // Counts get whole ticks: no tick at 0.25 of an execution, and no 2.5 steps below 10.
          const multiples = integer && power < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
          let step = multiples.map((m) => m * power).find((s) => s >= raw) || 10 * power;
          if (integer) step = Math.max(1, Math.round(step));
          const ticks = [];
          for (let v = 0; v <= max + step * 0.999; v += step) ticks.push(Number(v.toPrecision(12)));
          return ticks;
        }

        /** Time ticks on local-time boundaries (whole minutes, hours, local midnights). */
        function timeTicks(from, to, wanted) {
          const span = Math.max(1, to - from);
          const step = timeSteps.find((s) => span / s <= wanted) || 86400 * Math.ceil(span / wanted / 86400);
          const ticks = [];
          // Local time is UTC plus the offset; ticks fall on local boundaries (the offset at `from`: DST is ignored).
          const offset = -new Date(from * 1000).getTimezoneOffset() * 60;
          for (let t = Math.ceil((from + offset) / step) * step - offset; t <= to; t += step) ticks.push(t);
          return { ticks, step, span };
        }

        function tickLabel(t, step, span) {
          const d = new Date(t * 1000);
          const hm = `${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
          if (step >= 86400) return `${monthNames[d.getMonth()]} ${d.getDate()}`;
          const midnight = d.getHours() === 0 && d.getMinutes() === 0;
          if (span > 86400 && midnight) return `${monthNames[d.getMonth()]} ${d.getDate()}`;
          if (span > 86400) return hm;
          if (step < 60) return `${hm}:${pad2(d.getSeconds())}`;
          return hm;
        }

        /** Splits sorted [t, v] points into runs without gaps longer than `gap` seconds. */
        function runsOf(points, gap) {
          const runs = [];
          let run = [];
          for (const p of points) {
            if (run.length && p[0] - run[run.length - 1][0] > gap) { runs.push(run); run = []; }
            run.push(p);
          }
          if (run.length) runs.push(run);
          return runs;
        }

        /** The usual spacing of a series' samples (the median), when the caller does not say it. */
        function typicalStep(series) {
          const points = (series.find((s) => s.points.length > 1) || { points: [] }).points;
          const spacings = [];
          for (let i = 1; i < points.length; i++) spacings.push(points[i][0] - points[i - 1][0]);
          spacings.sort((a, b) => a - b);
          return Math.max(1, spacings[spacings.length >> 1] || 1);
        }

        /**
         * A run with more points than pixels keeps, per pixel column, its lowest and highest points (in time order):
         * the same picture, a path a fraction of the size (a week of seconds is 604,800 points).
         */
        function thin(run, x) {
          if (run.length < 2000) return run;
          const kept = [];
          let column = null, low = null, high = null;
          const flush = () => {
            if (low === null) return;
            if (low === high) kept.push(low);
            else kept.push(...(low[0] <= high[0] ? [low, high] : [high, low]));
          };
          for (const p of run) {
            const c = Math.round(x(p[0]));
            if (c !== column) { flush(); column = c; low = high = p; continue; }
            if (p[1] < low[1]) low = p;
            if (p[1] > high[1]) high = p;
          }
          flush();
          return kept;
        }

        function nearest(points, t) {
          let lo = 0, hi = points.length - 1;
          if (hi < 0) return null;
          while (hi - lo > 1) {
            const mid = (lo + hi) >> 1;
            if (points[mid][0] < t) lo = mid; else hi = mid;
          }
          return Math.abs(points[lo][0] - t) <= Math.abs(points[hi][0] - t) ? points[lo] : points[hi];
        }

        /**
         * Draws a chart into `box` (replacing what it drew before). options: { id (data-series), from, to (Unix
         * seconds), step (seconds between samples; their median spacing when absent), height, unit, integer (false
         * for rates and durations: y ticks may be fractions), series: [{ label, color?, points: [[t, v]], area? }],
         * marks: [{ label, color?, points: [[t, count]] }] }.
         */
        function drawChart(box, options) {
          const width = Math.max(320, Math.round(box.clientWidth || 600));
          const height = options.height || 180;
          const from = options.from;
          const step = options.step || typicalStep(options.series || []);
          const gap = step * 2;
          const to = Math.max(options.to, from + step);
          const inRange = (p) => p[0] >= from && p[0] <= to && p[1] !== null && p[1] !== undefined;
          const series = (options.series || []).map((s, i) => ({
            ...s, color: s.color || palette[i % palette.length],
            points: s.points.filter(inRange).sort((a, b) => a[0] - b[0]),
          }));
          const marks = (options.marks || []).map((m) => ({
            ...m, color: m.color || markColors[m.key] || "#d91515",
            points: m.points.filter((p) => inRange(p) && p[1] > 0).sort((a, b) => a[0] - b[0]),
          }));
          const markRows = marks.length;
          const left = 52, right = 14, top = 24, bottom = 22 + markRows * 9;
          const plotW = width - left - right, plotH = height - top - bottom;
          const max = series.reduce((m, s) => s.points.reduce((n, p) => Math.max(n, p[1]), m), 0);
          const yTicks = niceTicks(max, 4, options.integer !== false);
          // Headroom above the top tick, so a line at the peak does not run along the frame.
          const yMax = (yTicks[yTicks.length - 1] || 1) * 1.06;
          const x = (t) => left + ((t - from) / (to - from)) * plotW;
          const y = (v) => top + plotH - (v / yMax) * plotH;
          const f = (n) => n.toFixed(1);
          const parts = [];
          parts.push(`<g class="grid">${yTicks.map((v) =>
            `<line x1="${left}" x2="${left + plotW}" y1="${f(y(v))}" y2="${f(y(v))}"/>`).join("")}</g>`);
          parts.push(`<g class="axis y">${yTicks.map((v) =>
            `<text x="${left - 6}" y="${f(y(v) + 4)}" text-anchor="end">${esc(num(v, 2))}</text>`).join("")}</g>`);
          const { ticks, step: tickStep, span } = timeTicks(from, to, Math.max(2, Math.floor(plotW / 70)));
          const base = top + plotH;
          parts.push(`<g class="axis x"><line x1="${left}" x2="${left + plotW}" y1="${base}" y2="${base}"/>` +
            ticks.map((t) => `<line x1="${f(x(t))}" x2="${f(x(t))}" y1="${top + plotH}" y2="${top + plotH + 4}"/>` +
              `<text x="${f(x(t))}" y="${height - 6}" text-anchor="middle">${esc(tickLabel(t, tickStep, span))}</text>`)
              .join("") + `</g>`);
          for (const s of series) {
            const runs = runsOf(s.points, gap);
            parts.push(`<g class="series-group" data-label="${esc(s.label)}" data-points="${s.points.length}">`);
            for (const whole of runs) {
              const run = thin(whole, x);
              const line = run.map((p, i) => `${i ? "L" : "M"}${f(x(p[0]))},${f(y(p[1]))}`).join("");
              if (s.area && run.length > 1) {
                parts.push(`<path class="area" fill="${s.color}" d="${line}L${f(x(run[run.length - 1][0]))},` +
                  `${f(y(0))}L${f(x(run[0][0]))},${f(y(0))}Z"/>`);
              }
              parts.push(run.length > 1
                ? `<path class="series" stroke="${s.color}" d="${line}"/>`
                : `<circle class="series" fill="${s.color}" r="1.5" cx="${f(x(run[0][0]))}" cy="${f(y(run[0][1]))}"/>`);
            }
            parts.push("</g>");
          }
          marks.forEach((m, row) => {
            // A strip of ticks under the plot per kind, taller for larger counts.
            const y0 = top + plotH + 10 + row * 9;
            // One tick per pixel column, its counts summed: a day of seconds does not become 86,400 rectangles.
            const columns = new Map();
            for (const p of m.points) {
              const c = Math.round(x(p[0]));
              columns.set(c, (columns.get(c) || 0) + p[1]);
            }
            const peak = Math.max(1, ...columns.values());
            parts.push(`<g class="marks" data-mark="${esc(m.key || m.label)}" data-points="${m.points.length}">` +
              Array.from(columns, ([c, v]) => `<rect x="${c - 1}" y="${f(y0 - 3 - (4 * v) / peak)}" width="2" ` +
              `height="${f(3 + (4 * v) / peak)}" fill="${m.color}"/>`).join("") + `</g>`);
          });
          let lx = left;
          const legend = [];
          for (const s of [...series, ...marks]) {
            const last = s.points.length ? s.points[s.points.length - 1][1] : null;
            const isMark = marks.includes(s);
            const total = isMark ? s.points.reduce((a, p) => a + p[1], 0) : null;
            const text = `${s.label} ${isMark ? `(${num(total)})` : last === null ? "" : num(last, 2)}`;
            legend.push(`<rect x="${lx}" y="6" width="10" height="10" rx="2" fill="${s.color}"/>` +
              `<text x="${lx + 14}" y="15">${esc(text)}</text>`);
            lx += 24 + text.length * 6.4;
          }
          parts.push(`<g class="legend">${legend.join("")}</g>`);
          if (!series.some((s) => s.points.length)) {
            parts.push(`<text class="no-data" x="${left + plotW / 2}" y="${top + plotH / 2}" text-anchor="middle">` +
              `No samples in this period</text>`);
          }
          parts.push(`<line class="cursor" x1="0" x2="0" y1="${top}" y2="${top + plotH}" visibility="hidden"/>`);
          const count = Math.max(0, ...series.map((s) => s.points.length));
          const svg = `<svg class="chart" xmlns="http://www.w3.org/2000/svg" data-series="${esc(options.id)}" ` +
            `data-points="${count}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">` +
            `${parts.join("")}</svg>`;
          box.innerHTML = svg;
          box.__chart = { series, marks, from, to, left, plotW, x, step, unit: options.unit || "" };
          if (!box.__hover) { box.__hover = true; attachHover(box); }
        }

        function attachHover(box) {
          const tip = $("#chart-tip");
          box.addEventListener("mousemove", (event) => {
            const chart = box.__chart, svg = $("svg", box);
            if (!chart || !svg) return;
            const rect = svg.getBoundingClientRect();
            const sx = ((event.clientX - rect.left) / rect.width) * svg.viewBox.baseVal.width;
            if (sx < chart.left || sx > chart.left + chart.plotW) { hideTip(box); return; }
            const t = chart.from + ((sx - chart.left) / chart.plotW) * (chart.to - chart.from);
            const rows = [], colors = [];
            let at = null;
            for (const s of [...chart.series, ...chart.marks]) {
              const p = nearest(s.points, t);
              const reach = Math.max(chart.step * 2, ((chart.to - chart.from) / chart.plotW) * 3);
              if (!p || Math.abs(p[0] - t) > reach) continue;
              at = at ?? p[0];
              colors.push(s.color);
              rows.push(`<div><i class="swatch"></i> ${esc(s.label)}: <b>${esc(num(p[1], 2))}</b>` +
                `${esc(chart.unit && !chart.marks.includes(s) ? " " + chart.unit : "")}</div>`);
            }
            const cursor = $(".cursor", svg);
            if (at === null) { hideTip(box); return; }
            cursor.setAttribute("x1", chart.x(at)); cursor.setAttribute("x2", chart.x(at));
            cursor.setAttribute("visibility", "visible");
            tip.innerHTML = `<div class="muted">${esc(localTime(at))}</div>${rows.join("")}`;
            $$("i.swatch", tip).forEach((el, i) => { el.style.background = colors[i]; });
            tip.hidden = false;
            tip.style.left = `${Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8)}px`;
            tip.style.top = `${event.clientY + 14}px`;
          });
          box.addEventListener("mouseleave", () => hideTip(box));
        }

        function hideTip(box) {
          $("#chart-tip").hidden = true;
          const cursor = $(".cursor", box);
          if (cursor) cursor.setAttribute("visibility", "hidden");
        }

        /** The functions' concurrency as series, their throttles and errors summed as marks. */
        function concurrencyChart(box, functions, from, to, step) {
          const names = Object.keys(functions || {}).sort();
          const sum = (key) => {
            const totals = new Map();
            for (const n of names) {
              for (const p of functions[n]) if (p[key]) totals.set(p.t, (totals.get(p.t) || 0) + p[key]);
            }
            return Array.from(totals.entries());
          };
          drawChart(box, {
            id: "concurrency", from, to, step, height: 200,
            series: names.map((n) => ({
              label: n, area: names.length === 1, points: functions[n].map((p) => [p.t, p.concurrent]),
            })),
            marks: [{ key: "throttles", label: "throttles", points: sum("throttles") },
              { key: "errors", label: "errors", points: sum("errors") }],
          });
        }

        """#
}
