/// The one page of `renosim serve`: HTML with its CSS and script inline,
/// nothing fetched from elsewhere (it works offline). The charts are not
/// drawn here: each run's report is the HTML report of `renosim run
/// --report` (``HTMLReport``), shown in a frame, and a comparison the one
/// of `renosim compare --report`.
///
/// Ids the browser test uses: `scenario`, `A-plan`, `A-crews-TRADE`,
/// `replications`, `seed`, `run`, `cancel`, `state`, `A-p-deadline`
/// (with `data-estimate`, the exact P(deadline met)).
enum WhatIfPage {
    static let contentSecurityPolicy = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
        + "connect-src 'self'; frame-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"

    static let html = #"""
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>renosim what-if</title>
<link rel="icon" href="data:,">
<style>
body { font: 14px/1.4 system-ui, sans-serif; margin: 0; color: #222; background: #fafafa; }
header { background: #234; color: #fff; padding: .6em 1em; display: flex; gap: 1em; align-items: center; flex-wrap: wrap; }
header h1 { font-size: 1.2em; margin: 0 1em 0 0; }
main { padding: 1em; }
.variants { display: flex; gap: 1em; flex-wrap: wrap; }
.variant { background: #fff; border: 1px solid #ccc; border-radius: 4px; padding: .8em; flex: 1 1 26em; min-width: 22em; }
.variant h2 { margin: 0 0 .5em; font-size: 1.1em; }
fieldset { border: 1px solid #ddd; margin: .5em 0; }
label { display: inline-block; margin: .15em .6em .15em 0; }
label span.name { display: inline-block; min-width: 11em; }
input[type=number] { width: 5.5em; }
.err { color: #b00020; font-size: .9em; margin-left: .4em; }
.general { color: #b00020; white-space: pre-wrap; }
.controls { margin: 1em 0; display: flex; gap: .8em; align-items: center; flex-wrap: wrap; }
progress { width: 14em; }
.result { margin-top: .6em; }
.key td, .key th { padding: .1em .6em .1em 0; text-align: left; }
.big { font-size: 1.3em; font-weight: bold; }
iframe { width: 100%; height: 36em; border: 1px solid #ccc; background: #fff; }
table.diff { border-collapse: collapse; margin: .5em 0; }
table.diff td, table.diff th { border-bottom: 1px solid #ddd; padding: .15em .6em; text-align: right; }
table.diff td:first-child, table.diff th:first-child { text-align: left; }
.phases td { padding: .05em .5em .05em 0; }
.muted { color: #666; }
</style>
</head>
<body>
<header>
  <h1>renosim what-if</h1>
  <label>Scenario <select id="scenario"></select></label>
  <label><input type="checkbox" id="compare"> Compare with a second variant (B)</label>
</header>
<main>
  <div class="variants">
    <section class="variant" id="variant-A"></section>
    <section class="variant" id="variant-B" hidden></section>
  </div>
  <div class="controls">
    <label>Replications <input type="number" id="replications" min="1" value="200"></label>
    <label>Seed <input type="number" id="seed" min="0"></label>
    <button id="run">Run</button>
    <button id="cancel" disabled>Cancel</button>
    <progress id="progress" max="1" value="0"></progress>
    <span id="state" class="muted">ready</span>
  </div>
  <div id="general" class="general"></div>
  <div id="results"></div>
</main>
<script>
"use strict";
const $ = (id) => document.getElementById(id);
let scenarios = [];
let runId = null;
let polling = null;
const releaseState = { A: null, B: null };

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "text") e.textContent = v; else if (k.startsWith("on")) e.addEventListener(k.slice(2), v); else e.setAttribute(k, v);
  }
  for (const c of children) if (c != null) e.append(c);
  return e;
}
async function api(path, options) {
  const response = await fetch(path, options);
  let body = null;
  try { body = await response.json(); } catch (e) { body = { error: "the server answered " + response.status }; }
  return { ok: response.ok, status: response.status, body };
}
const scenario = () => scenarios[Number($("scenario").value)];
const planOf = (v) => scenario().plans.find((p) => p.plan === $(v + "-plan").value);
const percent = (x) => (100 * x).toFixed(1) + " %";

async function init() {
  const r = await api("api/scenarios");
  if (!r.ok) { $("general").textContent = r.body.error; return; }
  scenarios = r.body;
  for (const s of scenarios) $("scenario").append(el("option", { value: s.id, text: s.name + " (" + s.file + ")" }));
  $("scenario").addEventListener("change", onScenario);
  $("compare").addEventListener("change", () => { $("variant-B").hidden = !$("compare").checked; });
  $("run").addEventListener("click", run);
  $("cancel").addEventListener("click", cancel);
  onScenario();
}

function onScenario() {
  $("seed").value = scenario().seed;
  for (const v of ["A", "B"]) buildVariant(v, scenario().plans[v === "B" && scenario().plans.length > 1 ? 1 : 0].plan);
}

function buildVariant(v, planName) {
  const box = $("variant-" + v);
  box.replaceChildren();
  const select = el("select", { id: v + "-plan", onchange: () => buildVariant(v, select.value) });
  for (const p of scenario().plans) select.append(el("option", { value: p.plan, text: p.plan }));
  select.value = planName;
  const plan = scenario().plans.find((p) => p.plan === planName) || scenario().plans[0];
  box.append(el("h2", { text: "Variant " + v + " " }, el("label", {}, "plan ", select)));
  if (plan.description) box.append(el("div", { class: "muted", text: plan.description }));
  box.append(el("div", { id: v + "-err-general", class: "general" }));
  box.append(el("div", { id: v + "-err-plan", class: "err" }));

  const crews = el("fieldset", {}, el("legend", { text: "Crews per trade" }));
  for (const t of plan.trades) {
    crews.append(el("div", {}, el("label", {}, el("span", { class: "name", text: t.name }),
      el("input", { type: "number", min: "0", step: "1", id: v + "-crews-" + t.name, "data-trade": t.name, value: t.crews })),
      el("span", { class: "err", id: v + "-err-crews." + t.name })));
  }
  crews.append(el("div", { class: "err", id: v + "-err-crews" }));
  box.append(crews);

  const other = el("fieldset", {}, el("legend", { text: "Plan" }));
  const field = (label, input, key) => other.append(el("div", {}, el("label", {}, el("span", { class: "name", text: label }), input),
    el("span", { class: "err", id: v + "-err-" + key })));
  if (plan.supervisors != null) field("Supervisors", el("input", { type: "number", min: "1", id: v + "-supervisors", value: plan.supervisors }), "supervisors");
  if (plan.defect_team != null) field("Response team (54321)", el("input", { type: "number", min: "1", id: v + "-defect_team", value: plan.defect_team }), "defect_team");
  const dispatch = el("select", { id: v + "-dispatch" });
  for (const rule of plan.dispatch_rules) dispatch.append(el("option", { value: rule, text: rule }));
  dispatch.value = plan.dispatch;
  field("Dispatch rule", dispatch, "dispatch");
  field("Deadline", el("input", { type: "date", id: v + "-deadline", value: plan.deadline }), "deadline");
  box.append(other);

  releaseState[v] = { touched: false, type: plan.release.type, years: plan.release.years || "1",
    phases: plan.phases.map((p) => ({ start: p.start })), of: {} };
  plan.phases.forEach((p, i) => { for (const c of p.communities) releaseState[v].of[c] = i; });
  if (plan.release.type === "phases") {
    releaseState[v].phases = plan.release.phases.map((p) => ({ start: p.start }));
    releaseState[v].of = {};
    plan.release.phases.forEach((p, i) => { for (const c of p.communities) releaseState[v].of[c] = i; });
  }
  box.append(el("fieldset", { id: v + "-release" }));
  buildRelease(v);
  box.append(el("div", { class: "controls" },
    el("button", { id: v + "-yaml", text: "Download edited scenario (YAML)", onclick: () => downloadYAML(v) })));
  box.append(el("div", { id: v + "-result", class: "result" }));
}

function buildRelease(v) {
  const plan = planOf(v);
  const state = releaseState[v];
  const box = $(v + "-release");
  box.replaceChildren(el("legend", { text: "Release phasing" }));
  const type = el("select", { id: v + "-release-type", onchange: () => { state.type = type.value; state.touched = true; buildRelease(v); } });
  for (const t of ["all", "evenly", "phases"]) type.append(el("option", { value: t, text: t }));
  type.value = state.type;
  box.append(el("label", {}, "type ", type));
  if (state.type === "evenly") {
    box.append(el("label", {}, " over years ", el("input", { type: "number", min: "1", id: v + "-release-years", value: state.years,
      onchange: (e) => { state.years = e.target.value; state.touched = true; } })));
  }
  if (state.type === "phases") {
    const table = el("table", { class: "phases" });
    state.phases.forEach((p, i) => table.append(el("tr", {}, el("td", { text: "Phase " + (i + 1) + " starts" }),
      el("td", {}, el("input", { type: "date", id: v + "-phase-" + i, value: p.start,
        onchange: (e) => { p.start = e.target.value; state.touched = true; } })))));
    box.append(table);
    box.append(el("button", { text: "Add a phase", onclick: () => {
      const last = state.phases[state.phases.length - 1];
      state.phases.push({ start: last ? last.start : plan.deadline }); state.touched = true; buildRelease(v); } }));
    const list = el("table", { class: "phases" });
    for (const c of plan.communities) {
      const select = el("select", { id: v + "-community-" + c, onchange: () => { state.of[c] = Number(select.value); state.touched = true; } });
      state.phases.forEach((p, i) => select.append(el("option", { value: i, text: "phase " + (i + 1) })));
      select.value = state.of[c] ?? 0;
      list.append(el("tr", {}, el("td", { text: c }), el("td", {}, select)));
    }
    box.append(list);
  }
  box.append(el("div", { class: "err", id: v + "-err-release" }));
}

function editOf(v) {
  const plan = planOf(v);
  const value = (id) => { const e = $(v + "-" + id); return e ? e.value : undefined; };
  const edit = { crews: {}, dispatch: value("dispatch"), deadline: value("deadline") };
  for (const t of plan.trades) edit.crews[t.name] = value("crews-" + t.name);
  if (plan.supervisors != null) edit.supervisors = value("supervisors");
  if (plan.defect_team != null) edit.defect_team = value("defect_team");
  const state = releaseState[v];
  if (state.touched) {
    if (state.type === "phases") {
      const order = plan.phases.flatMap((p) => p.communities);
      const phases = state.phases.map((p, i) => ({ start: p.start, communities: order.filter((c) => (state.of[c] ?? 0) === i) }));
      edit.release = { type: "phases", phases: phases.filter((p) => p.communities.length > 0) };
    } else {
      edit.release = { type: state.type, years: state.type === "evenly" ? String(state.years) : undefined };
    }
  }
  return edit;
}

function clearErrors() {
  for (const e of document.querySelectorAll(".err, .general")) e.textContent = "";
}

function showIssues(body) {
  const v = body.variant === 1 ? "B" : "A";
  const general = [];
  for (const issue of body.issues || []) {
    let target = issue.field ? $(v + "-err-" + issue.field) : null;
    if (!target && issue.field && issue.field.startsWith("crews")) target = $(v + "-err-crews");
    if (target) target.textContent = (target.textContent ? target.textContent + " " : "") + issue.message
      + (issue.line ? " (line " + issue.line + ")" : "");
    else general.push(issue.description);
  }
  $(v + "-err-general").textContent = general.join("\n");
  $("general").textContent = body.error + (body.variant != null ? " (variant " + v + ")" : "");
}

async function downloadYAML(v) {
  clearErrors();
  const r = await api("api/edit", { method: "POST", headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ scenario: scenario().id, plan: planOf(v).plan, edit: editOf(v) }) });
  if (!r.ok) { showIssues(Object.assign({ variant: v === "B" ? 1 : 0 }, r.body)); return; }
  const link = el("a", { href: URL.createObjectURL(new Blob([r.body.yaml], { type: "application/yaml" })),
    download: scenario().file.split("/").pop().replace(/\.ya?ml$/, "") + "-" + v + ".yaml" });
  document.body.append(link); link.click(); link.remove();
}

async function run() {
  clearErrors();
  $("results").replaceChildren();
  for (const v of ["A", "B"]) $(v + "-result").replaceChildren();
  const variants = ["A"].concat($("compare").checked ? ["B"] : []).map((v) => ({ plan: planOf(v).plan, edit: editOf(v) }));
  const request = { scenario: scenario().id, replications: Number($("replications").value), variants };
  if ($("seed").value !== "") request.seed = Number($("seed").value);
  const r = await api("api/runs", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(request) });
  if (!r.ok) { if (r.body.issues) showIssues(r.body); else $("general").textContent = r.body.error; return; }
  runId = r.body.id;
  $("run").disabled = true; $("cancel").disabled = false;
  show(r.body);
  polling = setInterval(poll, 200);
}

async function poll() {
  if (!runId) return;
  const r = await api("api/runs/" + runId);
  if (!r.ok) { stop(); $("general").textContent = r.body.error; return; }
  show(r.body);
}

function stop() {
  clearInterval(polling); polling = null;
  $("run").disabled = false; $("cancel").disabled = true;
}

async function cancel() {
  if (!runId) return;
  const r = await api("api/runs/" + runId + "/cancel", { method: "POST" });
  if (r.ok) show(r.body);
}

function show(status) {
  $("progress").max = status.total; $("progress").value = status.done;
  $("state").textContent = status.state === "running" ? "running: " + status.done + " of " + status.total + " replications" : status.state;
  if (status.state === "running") return;
  stop();
  if (status.message) $("general").textContent = status.message;
  if (status.state === "done" && status.result) showResult(status.id, status.result);
}

function showResult(id, result) {
  result.variants.forEach((r, i) => {
    const v = r.label;
    const p = r.deadline_met;
    const files = el("div", {}, "Files: ");
    for (const f of r.files) files.append(el("a", { href: "api/runs/" + id + "/variants/" + i + "/files/" + f, text: f }), " ");
    $(v + "-result").replaceChildren(
      el("table", { class: "key" },
        el("tr", {}, el("th", { text: "P(deadline " + r.deadline + " met)" }),
          el("td", {}, el("span", { class: "big", id: v + "-p-deadline", "data-estimate": p.estimate, text: percent(p.estimate) }),
            " 95 % [" + percent(p.lower) + ", " + percent(p.upper) + "] (" + p.successes + " of " + p.trials + ")")),
        el("tr", {}, el("th", { text: "Finish P50 / P80 / P90" }),
          el("td", { id: v + "-finish", text: [r.finish_p50, r.finish_p80, r.finish_p90].map((d) => d || "not finished").join(" / ") })),
        el("tr", {}, el("th", { text: "Unfinished replications" }), el("td", { text: r.unfinished }))),
      files,
      el("iframe", { title: "Report of variant " + v, src: "api/runs/" + id + "/variants/" + i + "/report.html" }));
  });
  if (result.comparison) {
    const table = el("table", { class: "diff", id: "comparison" },
      el("tr", {}, ...["metric", "A mean", "B mean", "B − A", "95 % CI (paired)", "significant"].map((t) => el("th", { text: t }))));
    const n = (x) => typeof x === "number" ? (Math.abs(x) >= 100 ? x.toFixed(0) : x.toPrecision(3)) : x;
    for (const d of result.comparison.differences) {
      table.append(el("tr", {}, el("td", { text: d.metric }), el("td", { text: n(d.baselineMean) }), el("td", { text: n(d.planMean) }),
        el("td", { text: n(d.meanDifference) }), el("td", { text: "[" + n(d.ciLower) + ", " + n(d.ciUpper) + "]" }),
        el("td", { text: d.significant ? "yes" : "no" })));
    }
    $("results").replaceChildren(el("h2", { text: "B against A, paired on the same " + result.comparison.replications + " replications" }),
      table, el("a", { href: "api/runs/" + id + "/comparison.json", text: "comparison.json" }),
      el("iframe", { title: "Comparison", src: "api/runs/" + id + "/comparison.html" }));
  }
}

init();
</script>
</body>
</html>
"""#
}
