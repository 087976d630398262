// The status page's script (inlined by status-page.ts): renders the embedded report with the DOM
// and Cytoscape.js, and ticks the timelock countdowns once a second. No network access.
/* global cytoscape */
(function () {
  const data = JSON.parse(document.getElementById("status-data").textContent);
  const report = data.report;
  const text = (tag, value, className) => {
    const el = document.createElement(tag);
    el.textContent = value;
    if (className) el.className = className;
    return el;
  };
  const row = (tbody, cells, className) => {
    const tr = document.createElement("tr");
    if (className) tr.className = className;
    for (const cell of cells) tr.appendChild(typeof cell === "string" ? text("td", cell) : cell);
    tbody.appendChild(tr);
    return tr;
  };

  document.getElementById("network").textContent = `${report.network} (chain ${report.chainId})`;
  const s = report.summary;
  document.getElementById("summary").textContent =
    `Block ${report.blockNumber}, checked ${report.checkedAt}: ${s.ok} ok, ${s.drift} drift, ${s.error} could not be read (exit ${s.exitCode}). Page generated ${data.generatedAt}.`;

  const pause = document.querySelector("#pause tbody");
  for (const p of data.pause) {
    const tr = row(pause, [p.module, text("td", p.state, p.state)]);
    tr.dataset.module = p.module;
    tr.dataset.state = p.state;
  }

  const rows = document.querySelector("#rows tbody");
  for (const r of report.rows) {
    const tr = row(
      rows,
      [
        r.status === "ok" ? "ok" : r.status.toUpperCase(),
        r.subject,
        r.property,
        r.expected,
        r.actual,
        r.fix || "",
      ],
      r.status,
    );
    tr.dataset.status = r.status;
  }

  // Countdowns run on the chain's clock: the report's block time plus the time since it was generated.
  const queueEl = document.getElementById("queue");
  const countdowns = [];
  const queue = report.queue;
  if (!queue) queueEl.appendChild(text("p", "Not read in this report (owner:doctor reads it)."));
  else {
    const list = [...queue.pending, ...queue.history];
    if (queue.pending.length === 0) queueEl.appendChild(text("p", "Nothing pending."));
    for (const w of queue.warnings) queueEl.appendChild(text("p", `WARNING: ${w}`, "critical"));
    if (list.length > 0) {
      const table = document.createElement("table");
      table.id = "operations";
      row(
        table,
        ["state", "operation", "calls", "verdict", "scheduled by", "executable"].map((h) =>
          text("th", h),
        ),
      );
      for (const op of list) {
        const when = text(
          "td",
          op.closedAt ? `${op.state} in block ${op.closedAt.block}` : "",
          "countdown",
        );
        const tr = row(table, [
          op.state,
          op.id,
          op.calls.map((c) => c.text).join("; "),
          text("td", op.verdict, "verdict"),
          op.scheduledBy,
          when,
        ]);
        tr.dataset.state = op.state;
        if (op.readyAt !== undefined) countdowns.push({ el: when, readyAt: op.readyAt });
      }
      queueEl.appendChild(table);
    }
  }
  const generated = Date.parse(data.generatedAt) / 1000;
  const span = (seconds) => {
    const d = Math.floor(seconds / 86400);
    const h = Math.floor((seconds % 86400) / 3600);
    const m = Math.floor((seconds % 3600) / 60);
    return `${d}d ${h}h ${m}m ${Math.floor(seconds % 60)}s`;
  };
  const tick = () => {
    const now = (queue ? queue.now : 0) + (Date.now() / 1000 - generated);
    for (const c of countdowns) {
      const left = c.readyAt - now;
      c.el.textContent = left > 0 ? `in ${span(left)}` : `ready since ${span(-left)}`;
    }
  };
  tick();
  setInterval(tick, 1000);

  const alerts = document.querySelector("#alerts tbody");
  if (data.alerts.length === 0) row(alerts, ["", "", "", "no alerts (the watch writes them here)"]);
  for (const a of data.alerts)
    row(alerts, [String(a.block), text("td", a.severity, a.severity), a.kind, a.message]);

  const elements = [
    ...data.graph.nodes.map((id) => ({ data: { id, label: id } })),
    ...data.graph.edges.map((e, i) => ({
      data: { id: `e${i}`, source: e.from, target: e.to, label: e.label },
      classes: e.unexpected ? "unexpected" : "",
    })),
  ];
  window.statusGraph = cytoscape({
    container: document.getElementById("graph"),
    elements,
    layout: { name: "breadthfirst", directed: true, spacingFactor: 1.1 },
    style: [
      {
        selector: "node",
        style: {
          label: "data(label)",
          "font-size": 10,
          "background-color": "#4a6fa5",
          "text-valign": "bottom",
        },
      },
      {
        selector: "edge",
        style: {
          label: "data(label)",
          "font-size": 8,
          "curve-style": "bezier",
          "target-arrow-shape": "triangle",
          width: 1.5,
        },
      },
      {
        selector: "edge.unexpected",
        style: { "line-color": "#b00020", "target-arrow-color": "#b00020" },
      },
    ],
  });
})();
