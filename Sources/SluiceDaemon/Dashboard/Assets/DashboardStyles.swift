/// The dashboard's style sheet: dense panels on a light page, statuses coloured as the AWS console colours them.
/// No inline style attributes are needed (widths are set through the CSSOM), so a strict Content-Security-Policy
/// with `style-src 'self'` holds.
enum DashboardStyles {
    static let source = #"""
        :root {
          --ink: #16191f; --muted: #5f6b7a; --line: #d5dbdb; --page: #f2f3f3; --panel: #fff; --head: #232f3e;
          --link: #0972d3; --running: #0972d3; --succeeded: #037f0c; --failed: #d91515; --timed-out: #d91515;
          --aborted: #5f6b7a; --pending: #8d99a8; --caught: #d45b07; --redrive: #8456ce;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
          font-size: 14px; color: var(--ink); background: var(--page);
        }
        * { box-sizing: border-box; }
        body { margin: 0; }
        a { color: var(--link); text-decoration: none; }
        a:hover { text-decoration: underline; }
        header#top {
          display: flex; align-items: center; gap: 24px; height: 44px; padding: 0 20px; background: var(--head);
            color: #fff;
        }
        header#top a { color: #fff; }
        header#top .brand { font-weight: 700; font-size: 18px; letter-spacing: .5px; }
        header#top nav { flex: 1; }
        header#top .user { color: #d1d5db; }
        main { padding: 16px 20px 40px; max-width: 1600px; margin: 0 auto; }
        h1 { font-size: 20px; margin: 0 0 4px; font-weight: 700; word-break: break-all; }
        h2 { font-size: 15px; margin: 0 0 8px; font-weight: 700; }
        .crumbs { color: var(--muted); margin-bottom: 10px; font-size: 13px; }
        .panel { background: var(--panel); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
        .grid { display: grid; gap: 12px; margin-bottom: 12px; }
        .grid.two { grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); }
        .grid.three { grid-template-columns: repeat(3, minmax(0, 1fr)); }
        .grid.side { grid-template-columns: minmax(0, 2fr) minmax(0, 1fr); }
        .grid.wide-left { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); }
        @media (max-width: 900px) { .grid.two, .grid.three, .grid.side, .grid.wide-left { grid-template-columns: 1fr;
          } }
        .counters { display: grid; grid-template-columns: repeat(6, 1fr); gap: 8px; }
        .counter { border-left: 3px solid var(--line); padding: 2px 10px; }
        .counter .label { color: var(--muted); font-size: 12px; }
        .counter .value { display: block; font-size: 24px; font-weight: 600; font-variant-numeric: tabular-nums;
          color: inherit; }
        .counter.RUNNING { border-color: var(--running); } .counter.SUCCEEDED { border-color: var(--succeeded); }
        .counter.FAILED { border-color: var(--failed); } .counter.TIMED_OUT { border-color: var(--timed-out); }
        .counter.ABORTED { border-color: var(--aborted); } .counter.PENDING_REDRIVE { border-color: var(--redrive); }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; }
        th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e9ebed; vertical-align: top; }
        th { color: var(--muted); font-weight: 600; font-size: 12px; white-space: nowrap; }
        td.num, th.num { text-align: right; white-space: nowrap; }
        td.time, td.name { white-space: nowrap; }
        th.progress { width: 28%; }
        tbody tr:hover { background: #f4f8fd; }
        .scroll { max-height: 320px; overflow: auto; }
        .empty { color: var(--muted); font-style: italic; padding: 6px 0; }
        .status { font-weight: 600; white-space: nowrap; }
        .status::before { content: "●"; margin-right: 4px; font-size: 11px; }
        .status.RUNNING { color: var(--running); } .status.SUCCEEDED { color: var(--succeeded); }
        .status.FAILED { color: var(--failed); } .status.TIMED_OUT { color: var(--timed-out); }
        .status.ABORTED { color: var(--aborted); } .status.PENDING_REDRIVE { color: var(--redrive); }
        .status.CAUGHT { color: var(--caught); } .status.CANCELLED { color: var(--aborted); }
        .status.NOT_RUN, .status.PENDING { color: var(--pending); }
        .bar { position: relative; display: flex; height: 16px; background: #e9ebed; border-radius: 3px;
          overflow: hidden;
          min-width: 120px; }
        .bar > span { display: block; height: 100%; transition: width .4s; }
        .bar .succeeded { background: var(--succeeded); } .bar .failed { background: var(--failed); }
        .bar .timedOut { background: #8f1010; } .bar .aborted { background: var(--aborted); }
        .bar .running { background: var(--running); } .bar .busy { background: var(--running); }
        .bar-label { font-size: 12px; color: var(--muted); margin-top: 2px; font-variant-numeric: tabular-nums; }
        .bar.big { height: 22px; }
        dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
        dl.fields.row { display: flex; flex-wrap: wrap; gap: 4px 40px; }
        dl.fields.row > div { display: flex; flex-direction: column; }
        dl.fields.row dd { font-weight: 600; }
        dl.fields dt { color: var(--muted); } dl.fields dd { margin: 0; overflow-wrap: anywhere; }
        .actions { display: flex; gap: 8px; align-items: center; flex-wrap: wrap; margin: 8px 0; }
        button, .button {
          display: inline-block;
          font: inherit; padding: 4px 14px; border-radius: 16px; border: 2px solid var(--link); background: #fff;
          color: var(--link); font-weight: 600; cursor: pointer;
        }
        button:hover:not(:disabled) { background: #f0f7ff; }
        button.primary:hover:not(:disabled) { background: #0557a8; }
        button.danger { border-color: var(--failed); color: var(--failed); }
        button.primary { background: var(--link); color: #fff; }
        button.selected, .button.selected { background: var(--link); color: #fff; }
        a.button:hover { text-decoration: none; }
        button:disabled, button.danger:disabled, button.primary:disabled {
          border-color: #d5dbdb; background: #fff; color: #9ba7b6; cursor: default;
        }
        input[type=number] { font: inherit; width: 90px; padding: 3px 6px; border: 1px solid #7d8998;
          border-radius: 4px; }
        form.inline { display: flex; gap: 10px; align-items: end; flex-wrap: wrap; }
        form.inline label { display: flex; flex-direction: column; font-size: 12px; color: var(--muted); gap: 2px; }
        #update-map-run { flex-direction: column; align-items: stretch; }
        #update-map-run label { flex-direction: row; justify-content: space-between; align-items: center; }
        #update-map-run button { align-self: flex-start; }
        .message { padding: 6px 10px; border-radius: 4px; }
        .message:empty { display: none; }
        .message.error { background: #fff7f7; border: 1px solid var(--failed); color: #700; }
        .message.ok { background: #f2fcf3; border: 1px solid var(--succeeded); color: #024; }
        .notice { max-width: 640px; margin: 60px auto; }
        .notice code { background: #f4f4f4; padding: 2px 6px; border-radius: 3px; }
        pre { margin: 0; font: 12px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
          white-space: pre-wrap;
          word-break: break-all; background: #fafafa; border: 1px solid #e9ebed; border-radius: 4px; padding: 8px;
          max-height: 360px; overflow: auto; }
        pre:empty::before { content: "(none)"; color: var(--muted); font-style: italic; }
        .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 12px; }
        .muted { color: var(--muted); }
        .error-text { color: var(--failed); overflow-wrap: anywhere; }
        .cause { color: var(--muted); font-size: 12px; max-width: 520px; overflow-wrap: anywhere; }
        #recent-failures .cause { display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical;
          overflow: hidden; }
        .graph-view { overflow: auto; max-height: 640px; text-align: center; }
        .graph-view svg { max-width: 100%; height: auto; }
        tr.event-details > td { background: #fafafa; }
        #execution-states { margin-top: 8px; } #execution-states summary { cursor: pointer; color: var(--link); }
        button.toggle { padding: 0 8px; border-width: 1px; font-size: 12px; }
        .chart-box { position: relative; }
        .chart-box h2 { display: flex; justify-content: space-between; }
        svg.chart { display: block; width: 100%; height: auto; overflow: visible; }
        svg.chart text { font-size: 11px; fill: var(--muted); font-family: inherit; }
        svg.chart .grid line { stroke: #e9ebed; }
        svg.chart .axis line, svg.chart .axis path { stroke: #9ba7b6; }
        svg.chart .series { fill: none; stroke-width: 1.5; stroke-linejoin: round; }
        svg.chart .area { stroke: none; opacity: .14; }
        svg.chart .cursor { stroke: #414d5c; stroke-dasharray: 3 3; }
        svg.chart .legend text { fill: var(--ink); }
        svg.chart .no-data { font-size: 13px; }
        .chart-tip {
          position: fixed; pointer-events: none; background: #fff; border: 1px solid #9ba7b6; border-radius: 4px;
          padding: 4px 8px; font-size: 12px; box-shadow: 0 2px 6px rgba(0,0,0,.15); z-index: 10; white-space: nowrap;
        }
        .chart-tip i.swatch { display: inline-block; width: 9px; height: 9px; border-radius: 2px; }
        .range-picker { display: flex; gap: 4px; }
        .range-picker button, .range-picker .button { padding: 2px 10px; border-width: 1px; font-size: 12px; }
        .loading { color: var(--muted); }
        .grid-row { margin-bottom: 12px; }
        .title-row { display: flex; align-items: center; gap: 12px; flex-wrap: wrap; margin-bottom: 8px; }
        .title-row h1 { margin: 0; }
        .meta { display: flex; gap: 24px; flex-wrap: wrap; color: var(--muted); margin-top: 6px; }
        .meta b { color: var(--ink); font-weight: 600; }

        """#
}
