// tee's dashboard: a page per view, drawn from the read API (/api/...) and, on a controller,
// the cluster API (/api/v1/...). Every view refreshes itself, so new objects and state changes
// show without a reload. No request leaves this origin.
"use strict";

const role = document.body.dataset.role;
const main = document.getElementById("main");
const refreshSeconds = 3;
let refreshTimer = null;
let currentRender = null;
let listState = { search: "", status: "", page: 1, perPage: 50 };
let plot = null;

// ---- helpers ----------------------------------------------------------------

function esc(value) {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]));
}

class Unauthorized extends Error {}

async function getJSON(path) {
  const response = await fetch(path, { credentials: "same-origin", headers: { Accept: "application/json" } });
  if (response.status === 401) throw new Unauthorized();
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.message || body.error || `${path}: HTTP ${response.status}`);
  return { body, headers: response.headers };
}

async function get(path) { return (await getJSON(path)).body; }

function badge(text, kind) { return `<span class="badge ${esc(kind || text)}">${esc(text)}</span>`; }

function link(kind, name) {
  const [protocol, collection] = kind.split("/");
  return `<a href="#/${protocol}/${collection}/${encodeURIComponent(name)}">${esc(name)}</a>`;
}

function ago(unixSeconds) {
  if (!unixSeconds) return "never";
  const seconds = Math.max(0, Math.round(Date.now() / 1000 - unixSeconds));
  if (seconds < 60) return `${seconds} s ago`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  return `${Math.round(seconds / 3600)} h ago`;
}

function errorsBlock(errors) {
  if (!errors || errors.length === 0) return "";
  return `<div class="errors" data-test="errors">${errors.map(esc).join("<br>")}</div>`;
}

function fields(pairs) {
  return `<dl class="fields">${pairs.filter((p) => p[1] !== undefined && p[1] !== "").map(([k, v]) => `<dt>${esc(k)}</dt><dd>${v}</dd>`).join("")}</dl>`;
}

function table(headers, rows, testName) {
  const head = headers.map((h) => `<th>${esc(h)}</th>`).join("");
  const body = rows.length ? rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")
    : `<tr><td colspan="${headers.length}" class="muted">Nothing here.</td></tr>`;
  return `<table data-test="${esc(testName || "")}"><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function markNav() {
  const hash = location.hash || "#/";
  for (const a of document.querySelectorAll("#nav a")) {
    const target = a.getAttribute("href");
    a.classList.toggle("active", target === "#/" ? hash === "#/" : hash.startsWith(target.split("/").slice(0, 2).join("/")));
  }
}

// ---- views ------------------------------------------------------------------

async function overview() {
  const [data, entryPoints] = await Promise.all([get("/api/overview"), get("/api/entrypoints?per_page=1000")]);
  const card = (protocol, collection, counts) => counts ? `
    <div class="card" data-test="count-${protocol}-${collection}"><a href="#/${protocol}/${collection}">
      <h3>${protocol.toUpperCase()} ${collection}</h3>
      <div class="total">${counts.total}</div>
      <div>${counts.errors ? badge(`${counts.errors} errors`, "error") : badge("no errors", "ok")}
           ${counts.warnings ? badge(`${counts.warnings} warnings`, "warning") : ""}</div></a></div>` : "";
  const sections = ["http", "tcp", "udp"].map((p) => `<h2>${p.toUpperCase()}</h2><div class="cards">${
    ["routers", "services", "middlewares"].map((c) => card(p, c, data[p] && data[p][c])).join("")}</div>`).join("");
  const providers = (data.providerStatus || []).map((p) => [esc(p.name), badge(p.status), esc(p.error || "")]);
  return `<h1>Overview</h1>
    <h2>Entry points</h2>
    ${table(["Name", "Address"], entryPoints.map((e) => [esc(e.name), `<code>${esc(e.address)}</code>`]), "entrypoints")}
    ${sections}
    <h2>Providers</h2>
    <p>${(data.providers || []).map((p) => badge(p, "ok")).join(" ")}</p>
    ${providers.length ? table(["Provider", "State", "Error"], providers, "providers") : ""}
    <h2>Features</h2>
    ${fields([["Metrics", esc(data.features.metrics || "off")], ["Access log", data.features.accessLog ? "on" : "off"],
      ["Tracing", esc(data.features.tracing || "off")]])}`;
}

const collections = { http: ["routers", "services", "middlewares"], tcp: ["routers", "services", "middlewares"], udp: ["routers", "services"] };

async function list(protocol, collection) {
  const q = new URLSearchParams({ page: listState.page, per_page: listState.perPage });
  if (listState.search) q.set("search", listState.search);
  if (listState.status) q.set("status", listState.status);
  const { body: items, headers } = await getJSON(`/api/${protocol}/${collection}?${q}`);
  const total = Number(headers.get("X-Total-Count") || items.length);
  const nextPage = Number(headers.get("X-Next-Page") || 1);
  const kind = `${protocol}/${collection}`;
  let columns, rows;
  if (collection === "routers") {
    columns = ["Status", "Name", "Rule", "Entry points", "Service", "Provider"];
    rows = items.map((r) => [badge(r.status), link(kind, r.name), r.rule ? `<code>${esc(r.rule)}</code>` : "",
      esc((r.using || r.entryPoints || []).join(", ")), link(`${protocol}/services`, r.service), esc(r.provider)]);
  } else if (collection === "services") {
    columns = ["Status", "Name", "Type", "Servers", "Provider"];
    rows = items.map((s) => [badge(s.status), link(kind, s.name), esc(s.type || ""),
      String(((s.loadBalancer || {}).servers || []).length), esc(s.provider)]);
  } else {
    columns = ["Status", "Name", "Type", "Provider"];
    rows = items.map((m) => [badge(m.status), link(kind, m.name), esc(m.type || ""), esc(m.provider)]);
  }
  const first = total === 0 ? 0 : (listState.page - 1) * listState.perPage + 1;
  const tabs = collections[protocol].map((c) => `<a href="#/${protocol}/${c}" class="${c === collection ? "active" : ""}">${c}</a>`).join("");
  return {
    html: `<h1>${protocol.toUpperCase()} ${collection}</h1>
      <div class="tabs">${tabs}</div>
      <div class="toolbar">
        <input id="search" type="search" placeholder="Search by name${collection === "routers" ? " or rule" : ""}" value="${esc(listState.search)}">
        <select id="status"><option value="">Any status</option><option value="enabled">Enabled</option><option value="disabled">Disabled</option></select>
      </div>
      <div id="list">${table(columns, rows, "list")}
      <div class="pager"><button id="previous" ${listState.page > 1 ? "" : "disabled"}>Previous</button>
        <span data-test="range">${first}–${first + items.length - (total ? 1 : 0)} of ${total}</span>
        <button id="next" ${nextPage > listState.page ? "" : "disabled"}>Next</button></div></div>`,
    after: () => {
      const search = document.getElementById("search");
      const status = document.getElementById("status");
      status.value = listState.status;
      let pending = null;
      search.addEventListener("input", () => {
        clearTimeout(pending);
        pending = setTimeout(() => { listState.search = search.value; listState.page = 1; refresh(true); }, 250);
      });
      status.addEventListener("change", () => { listState.status = status.value; listState.page = 1; refresh(true); });
      document.getElementById("previous").addEventListener("click", () => { listState.page -= 1; refresh(true); });
      document.getElementById("next").addEventListener("click", () => { listState.page += 1; refresh(true); });
    },
    // Keeps the search box (and its focus) while the list refreshes.
    partial: "list",
  };
}

async function detail(protocol, collection, name) {
  const kind = `${protocol}/${collection}`;
  const o = await get(`/api/${protocol}/${collection}/${encodeURIComponent(name)}`);
  let body = "";
  if (collection === "routers") {
    const chain = (o.middlewares || []).map((m) => `<span class="step">${link(`${protocol}/middlewares`, m)}</span>`);
    chain.push(`<span class="step">${link(`${protocol}/services`, o.service)}</span>`);
    body = fields([
      ["Status", badge(o.status)], ["Rule", o.rule ? `<code data-test="rule">${esc(o.rule)}</code>` : undefined],
      ["Entry points", esc((o.using || o.entryPoints || []).join(", "))], ["Priority", esc(o.priority)],
      ["TLS", o.tls ? `options <code>${esc(o.tls.options)}</code>${o.tls.certResolver ? `, resolver <code>${esc(o.tls.certResolver)}</code>` : ""}${o.tls.passthrough ? ", passthrough" : ""}` : "no"],
      ["Middlewares → service", `<div class="chain">${chain.join(" → ")}</div>`], ["Provider", esc(o.provider)],
    ]);
  } else if (collection === "services") {
    const servers = ((o.loadBalancer || {}).servers || []).map((s) => {
      const address = s.url || s.address;
      const health = (o.serverStatus || {})[address];
      return [`<code>${esc(address)}</code>`, esc(s.weight ?? 1), health ? badge(health) : ""];
    });
    const members = ((o.weighted || {}).services || []).map((s) => [link(kind, s.name), esc(s.weight)]);
    body = fields([["Status", badge(o.status)], ["Type", esc(o.type)], ["Provider", esc(o.provider)],
      ["Used by", (o.usedBy || []).map((r) => link(`${protocol}/routers`, r)).join(", ") || "no router"]]) +
      (servers.length ? `<h2>Servers</h2>${table(["Server", "Weight", "Health"], servers, "servers")}` : "") +
      (members.length ? `<h2>Services</h2>${table(["Service", "Weight"], members, "weighted")}` : "") +
      (o.mirroring ? `<h2>Mirroring</h2>${fields([["Main", link(kind, o.mirroring.service)]])}` : "") +
      (o.failover ? `<h2>Failover</h2>${fields([["Service", link(kind, o.failover.service)], ["Fallback", link(kind, o.failover.fallback)]])}` : "");
  } else {
    const meta = new Set(["name", "provider", "status", "error", "usedBy", "type"]);
    const settings = Object.fromEntries(Object.entries(o).filter(([key]) => !meta.has(key)));
    body = fields([["Status", badge(o.status)], ["Type", esc(o.type)], ["Provider", esc(o.provider)],
      ["Used by", (o.usedBy || []).map((r) => link(`${protocol}/routers`, r)).join(", ") || "no router"]]) +
      (Object.keys(settings).length ? `<h2>Settings</h2><pre class="settings" data-test="settings">${esc(JSON.stringify(settings, null, 2))}</pre>` : "");
  }
  const plots = protocol === "http" && collection !== "middlewares"
    ? `<h2>Traffic</h2><div class="plots"><div class="plot" id="rate-plot"></div><div class="plot" id="latency-plot"></div></div>
       <p class="muted" id="traffic-note"></p>` : "";
  return {
    html: `<h1>${esc(collection.slice(0, -1))} <span data-test="name">${esc(o.name)}</span></h1>${errorsBlock(o.error)}${body}${plots}`,
    after: () => { if (plots) startTraffic(collection, o.name); },
  };
}

// ---- traffic plots ------------------------------------------------------------

function startTraffic(collection, name) {
  const key = `${collection}:${name}`;
  if (plot && plot.key === key) { plot.draw(); return; }
  // The first reading is taken by the refresh that drew this view.
  plot = { key, collection, name, samples: [], last: null, draw: () => drawTraffic() };
}

async function sampleTraffic() {
  if (!plot) return;
  const current = plot;
  let reading;
  try { reading = await get("/api/tee/traffic"); } catch { return; }
  if (current !== plot) return;
  const note = document.getElementById("traffic-note");
  if (!reading.available) {
    if (note) note.textContent = "No traffic figures here.";
    return;
  }
  if (reading.mode === "rates") {
    // A controller: the proxies' last intervals, already summed into rates.
    const rates = (reading[plot.collection] || {})[plot.name] || { rate: 0, latencyMs: 0 };
    plot.samples.push([new Date(reading.time * 1000), rates.rate, rates.rate > 0 ? rates.latencyMs : null]);
    if (note) note.textContent = `Summed over the proxies' reports (every 5 s; ${reading.proxies} with recent traffic).`;
  } else {
    const totals = (reading[plot.collection] || {})[plot.name] || { requests: 0, seconds: 0, serverErrors: 0 };
    if (plot.last) {
      const dt = reading.time - plot.last.time;
      const requests = totals.requests - plot.last.requests;
      if (dt > 0 && requests >= 0) plot.samples.push([new Date(reading.time * 1000), requests / dt,
        requests > 0 ? 1000 * (totals.seconds - plot.last.seconds) / requests : null]);
    }
    plot.last = { time: reading.time, requests: totals.requests, seconds: totals.seconds };
  }
  if (plot.samples.length > 150) plot.samples.shift();
  drawTraffic();
}

function drawTraffic() {
  const rate = document.getElementById("rate-plot");
  const latency = document.getElementById("latency-plot");
  if (!rate || !latency || !plot) return;
  if (typeof Dygraph === "undefined") {
    document.getElementById("traffic-note").textContent = "Plots need dygraphs (Debian's libjs-dygraphs).";
    return;
  }
  if (plot.samples.length < 2) { rate.textContent = "Collecting samples…"; return; }
  const rates = plot.samples.map((s) => [s[0], s[1]]);
  const latencies = plot.samples.map((s) => [s[0], s[2]]);
  if (!plot.rateGraph || plot.rateGraph.maindiv_ !== rate) {
    rate.textContent = "";
    latency.textContent = "";
    plot.rateGraph = new Dygraph(rate, rates, { labels: ["time", "requests/s"], title: "Request rate", includeZero: true, fillGraph: true });
    plot.latencyGraph = new Dygraph(latency, latencies, { labels: ["time", "ms"], title: "Mean latency", includeZero: true, connectSeparatedPoints: true });
  } else {
    plot.rateGraph.updateOptions({ file: rates });
    plot.latencyGraph.updateOptions({ file: latencies });
  }
}

// ---- cluster (controllers) ------------------------------------------------------

async function cluster() {
  const [health, members, nodes, runtime] = await Promise.all([
    get("/api/v1/health"), get("/api/v1/members"), get("/api/v1/nodes"), get("/api/v1/runtime").catch(() => ({ version: 0, proxies: [] })),
  ]);
  // A controller is its etcd member and its node record; the record lives on the controller's
  // session lease, so a controller that stopped has a member and no record.
  const memberByName = Object.fromEntries(members.members.map((m) => [m.name, m]));
  const recordByName = Object.fromEntries(nodes.nodes.filter((n) => n.role === "controller").map((n) => [n.name, n]));
  const names = [...new Set([...Object.keys(memberByName), ...Object.keys(recordByName)])].sort();
  const controllers = names.map((name) => {
    const member = memberByName[name];
    const record = recordByName[name];
    return [esc(name), record ? `<code>${esc(record.address)}</code>` : "", name === health.leader ? badge("leader") : "",
      member ? (member.learner ? badge("learner") : badge("voting member", "ok")) : badge("no etcd member", "error"),
      record ? badge("up", "healthy") : badge("down", "stale"), record ? esc(ago(record.updatedAt)) : ""];
  });
  const version = runtime.version || health.snapshotVersion;
  const nodeRow = (n) => {
    const lag = version - (n.appliedVersion || 0);
    const state = !n.connected ? badge("stale") : n.lastError ? badge("rejected", "error") : lag > 0 ? badge("behind") : badge("healthy");
    return [esc(n.name), state, esc(n.appliedVersion || 0), esc(lag), esc(n.controller || ""), esc(ago(n.updatedAt)), esc(n.lastError || "")];
  };
  const proxies = nodes.nodes.filter((n) => n.role === "proxy").sort((a, b) => a.name.localeCompare(b.name)).map(nodeRow);
  const mesh = nodes.nodes.filter((n) => n.role === "mesh").sort((a, b) => a.name.localeCompare(b.name)).map(nodeRow);
  const columns = ["Name", "State", "Applied version", "Lag", "Controller", "Last seen", "Last error"];
  return `<h1>Cluster</h1>
    ${nodes.stale ? `<div class="errors">This controller cannot reach quorum: what follows may be stale.</div>` : ""}
    ${fields([["Answering", esc(health.controller)], ["Leader", esc(health.leader || "none")], ["etcd", badge(health.etcd, health.etcd === "healthy" ? "ok" : "error")],
      ["Snapshot version", esc(version)]])}
    <h2>Controllers</h2>${table(["Name", "API", "Role", "etcd", "State", "Last seen"], controllers, "controllers")}
    <h2>Proxies</h2>${table(columns, proxies, "proxies")}
    <h2>Mesh agents</h2>${table(columns, mesh, "mesh")}`;
}

async function certificates() {
  const data = await get("/api/v1/certificates");
  const now = Date.now() / 1000;
  const rows = data.certificates.map((c) => {
    const days = Math.floor((c.notAfter - now) / 86400);
    const state = days < 0 ? badge("expired") : days < 30 ? badge(`${days} days left`, "soon") : badge(`${days} days left`, "ok");
    return [esc(c.name), esc(c.names.join(", ")), esc(new Date(c.notAfter * 1000).toISOString().slice(0, 10)), state, esc(c.issuer),
      esc((c.routers || []).join(", "))];
  });
  return `<h1>Certificates</h1>${table(["Name", "Domains", "Expires", "", "Issuer", "Routers"], rows, "certificates")}`;
}

async function events() {
  const data = await get("/api/v1/events?limit=200");
  const rows = data.events.slice().reverse().map((e) => [esc(new Date(e.time * 1000).toISOString().replace("T", " ").slice(0, 19)),
    esc(e.kind), esc(e.controller), esc(e.message)]);
  return `<h1>Events</h1>${table(["Time (UTC)", "Kind", "Controller", "Message"], rows, "events")}`;
}

// ---- navigation -----------------------------------------------------------------

function route() {
  const parts = (location.hash.replace(/^#\/?/, "") || "").split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return () => overview();
  if (collections[parts[0]] && collections[parts[0]].includes(parts[1])) {
    if (parts.length === 2) return () => list(parts[0], parts[1]);
    return () => detail(parts[0], parts[1], parts.slice(2).join("/"));
  }
  if (role === "controller" && parts[0] === "cluster") return () => cluster();
  if (role === "controller" && parts[0] === "certificates") return () => certificates();
  if (role === "controller" && parts[0] === "events") return () => events();
  return async () => `<h1>Not found</h1><p>No view for <code>${esc(location.hash)}</code>.</p>`;
}

async function refresh(userAction) {
  clearTimeout(refreshTimer);
  const render = currentRender;
  try {
    const result = await render();
    if (render !== currentRender) return;
    const view = typeof result === "string" ? { html: result } : result;
    const holder = view.partial && !userAction ? document.getElementById(view.partial) : null;
    if (holder && document.getElementById("search")) {
      // Only the list is redrawn, so typing in the search box is not disturbed.
      const scratch = document.createElement("div");
      scratch.innerHTML = view.html;
      holder.replaceWith(scratch.querySelector(`#${view.partial}`));
      wirePager();
    } else {
      const focused = document.activeElement && document.activeElement.id;
      const caret = focused === "search" ? document.activeElement.selectionStart : null;
      main.innerHTML = view.html;
      if (view.after) view.after();
      if (focused === "search") { const s = document.getElementById("search"); s.focus(); if (caret !== null) s.setSelectionRange(caret, caret); }
    }
    if (plot && document.getElementById("rate-plot")) sampleTraffic(); else plot = null;
    document.getElementById("refreshed").textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    if (render !== currentRender) return;
    if (error instanceof Unauthorized) {
      main.innerHTML = `<div class="notice"><h1>Not signed in</h1><p>This dashboard needs a token or a client certificate. <a href="/dashboard/login">Sign in</a>.</p></div>`;
      return;
    }
    main.innerHTML = `<div class="errors">${esc(error.message)}</div>`;
  }
  refreshTimer = setTimeout(() => refresh(false), refreshSeconds * 1000);
}

function wirePager() {
  const previous = document.getElementById("previous");
  const next = document.getElementById("next");
  if (previous) previous.addEventListener("click", () => { listState.page -= 1; refresh(true); });
  if (next) next.addEventListener("click", () => { listState.page += 1; refresh(true); });
}

function navigate() {
  const key = location.hash.split("/").slice(0, 3).join("/");
  if (key !== navigate.lastKey) { listState = { search: "", status: "", page: 1, perPage: 50 }; navigate.lastKey = key; }
  plot = null;
  markNav();
  currentRender = route();
  main.innerHTML = `<p class="muted">Loading…</p>`;
  refresh(true);
}

window.addEventListener("hashchange", navigate);
navigate();
