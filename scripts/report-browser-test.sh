#!/usr/bin/env bash
# Renders the HTML report of a real run in headless Chromium and checks it:
# every chart's heading and <title> exist, every chart draws marks with a
# non-empty size in the browser's own layout (getBBox), the Chinese community
# names are in the DOM and a CJK font is installed, nothing is fetched from
# a network, and the page raises no script or console error. Prints one verdict line.
#   scripts/report-browser-test.sh [--update-screenshot]   # also writes docs/report-screenshot.png
# Installs chromium and fonts-noto-cjk from Debian if missing.
# Environment: RENOSIM_SCRATCH (SwiftPM scratch path, default .build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
update=0
[[ "${1:-}" == "--update-screenshot" ]] && update=1

browser=$(command -v chromium || command -v chromium-browser || true)
if [[ -z "$browser" ]] || ! fc-list :lang=zh 2>/dev/null | grep -q .; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk >/dev/null
    browser=$(command -v chromium)
fi

scratch=${RENOSIM_SCRATCH:-.build}
swift build -c release --scratch-path "$scratch" --product renosim >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$scratch/release/renosim" run scenarios/yonghong-2022.yaml --plan three-year --replications 50 --quiet \
    --out "$work/out" --report "$work/out/report.html" >/dev/null 2>"$work/run.log"

# The probe: a copy of the report with a script that records errors and
# measures every chart's marks as laid out; --dump-dom shows the attributes.
python3 - "$work/out/report.html" "$work/probe.html" <<'PY'
import sys
html = open(sys.argv[1], encoding="utf-8").read()
probe = """<script>
window.__errors = [];
window.addEventListener('error', e => window.__errors.push(String(e.message || e.type)), true);
const log = console.error;
console.error = (...a) => { window.__errors.push(a.join(' ')); log(...a); };
window.addEventListener('load', () => {
  for (const svg of document.querySelectorAll('svg.chart')) {
    let drawn = 0;
    for (const el of svg.querySelectorAll('path, rect.bar, polyline')) {
      const box = el.getBBox();
      if (box.width > 0 && box.height > 0) drawn++;
    }
    svg.setAttribute('data-drawn', String(drawn));
    svg.setAttribute('data-width', String(Math.round(svg.getBoundingClientRect().width)));
  }
  document.documentElement.setAttribute('data-errors', JSON.stringify(window.__errors));
  document.documentElement.setAttribute('data-resources', String(performance.getEntriesByType('resource').length));
});
</script>"""
open(sys.argv[2], "w", encoding="utf-8").write(html.replace("<head>", "<head>\n" + probe, 1))
PY

flags=(--headless --no-sandbox --disable-gpu --hide-scrollbars --enable-logging=stderr --v=0 --virtual-time-budget=5000)
"$browser" "${flags[@]}" --dump-dom "file://$work/probe.html" >"$work/dom.html" 2>"$work/chromium-dom.log"
# The screenshot is of the report itself, not the probe.
"$browser" "${flags[@]}" --window-size=1280,4000 --screenshot="$work/report.png" "file://$work/out/report.html" \
    >/dev/null 2>"$work/chromium-shot.log"

python3 - "$work/out/report.html" "$work/dom.html" "$work/report.png" "$work/chromium-dom.log" "$work/chromium-shot.log" <<'PY'
import html.parser, json, os, re, subprocess, sys
report, dom_path, png, *logs = sys.argv[1:]
source = open(report, encoding="utf-8").read()
dom = open(dom_path, encoding="utf-8").read()
titles = ["Completion S-curve", "Finish-date histogram", "Line of balance", "Waits by cause",
          "54321 service-level attainment", "Cost per year against budget", "Crew utilisation over time"]
problems = []

class Charts(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.charts, self.current, self.in_title, self.h2, self.in_h2, self.root = [], None, False, [], False, {}
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html": self.root = a
        if tag == "svg" and "chart" in (a.get("class") or ""):
            self.current = {"id": a.get("id"), "title": "", "drawn": int(a.get("data-drawn") or 0),
                            "width": int(a.get("data-width") or 0), "marks": 0}
            self.charts.append(self.current)
        if self.current is not None:
            if tag == "title" and (a.get("id") or "").endswith("-title"): self.in_title = True
            if tag == "path" and (a.get("d") or "").strip(): self.current["marks"] += 1
            if tag == "polyline" and (a.get("points") or "").strip(): self.current["marks"] += 1
            if tag == "rect" and "bar" in (a.get("class") or ""): self.current["marks"] += 1
        if tag == "h2": self.in_h2 = True; self.h2.append("")
    def handle_endtag(self, tag):
        if tag == "svg": self.current = None
        if tag == "title": self.in_title = False
        if tag == "h2": self.in_h2 = False
    def handle_data(self, data):
        if self.in_title and self.current is not None: self.current["title"] += data
        if self.in_h2: self.h2[-1] += data

parser = Charts()
parser.feed(dom)
by_title = {c["title"].strip(): c for c in parser.charts}
for t in titles:
    chart = by_title.get(t)
    if chart is None: problems.append(f"no chart titled {t!r}"); continue
    if t not in parser.h2: problems.append(f"no heading {t!r}")
    if chart["marks"] == 0: problems.append(f"{t}: no path/polyline/bar with data")
    if chart["drawn"] == 0: problems.append(f"{t}: the browser laid out nothing with a size")
    if chart["width"] < 300: problems.append(f"{t}: drawn {chart['width']} px wide")
errors = json.loads(parser.root.get("data-errors") or "null")
if errors is None: problems.append("the probe script did not run")
elif errors: problems.append(f"page errors: {errors}")
if parser.root.get("data-resources") not in ("0", None): problems.append(f"{parser.root.get('data-resources')} resources fetched")
if re.search(r"https?://", source): problems.append("the report references a network address")
if not re.search(r'<meta charset="utf-8">', source): problems.append("no <meta charset>")
for name in ["广景山庄"]:
    if name not in dom: problems.append(f"Chinese name {name} missing from the DOM")
fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True).stdout
if not fonts.strip(): problems.append("no CJK font installed: Chinese names would not render")
for log in logs:
    for line in open(log, encoding="utf-8", errors="replace"):
        if "Uncaught" in line or "ERROR:CONSOLE" in line or ":CONSOLE(" in line:
            problems.append("console: " + line.strip()[:200])
if not os.path.exists(png) or os.path.getsize(png) < 20000: problems.append("no screenshot")
if problems:
    print("report browser test: FAIL — " + "; ".join(problems))
    sys.exit(1)
drawn = ", ".join(f"{c['id']} {c['drawn']}" for c in parser.charts)
print(f"report browser test: PASS — {len(parser.charts)} charts drawn in Chromium (marks with a size: {drawn}), "
      f"Chinese names present, CJK font '{fonts.splitlines()[0].strip()}', no errors, nothing fetched")
PY

if [[ $update == 1 ]]; then
    size=$(stat -c %s "$work/report.png")
    if (( size >= 1000000 )); then echo "screenshot is $size bytes; not updating docs/report-screenshot.png" >&2; exit 1; fi
    cp "$work/report.png" docs/report-screenshot.png
    echo "wrote docs/report-screenshot.png ($size bytes)"
fi
