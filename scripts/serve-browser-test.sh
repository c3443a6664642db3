#!/usr/bin/env bash
# The what-if page of `renosim serve` in a real browser: starts the server on
# a free port with scenarios/yonghong-2022.yaml, loads the page in headless
# Chromium (Selenium), sets the facade crews of plan three-year to 10, runs
# 100 replications, and checks the P(deadline met) the page shows against
# `renosim run` on the edited scenario the server hands out (same bytes, same
# seed). Also checks that the page raised no script error and fetched nothing
# from another host, and takes a screenshot. Prints one verdict line.
#   scripts/serve-browser-test.sh [--update-screenshot]   # also writes docs/serve.png
# Installs chromium and chromium-driver from Debian and selenium (PyPI, in .venv) if missing.
# Environment: RENOSIM_SCRATCH (SwiftPM scratch path, default .build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends chromium chromium-driver fonts-noto-cjk >/dev/null
fi
# shellcheck source=lib/python-venv.sh
source scripts/lib/python-venv.sh
ensure_venv selenium

scratch=${RENOSIM_SCRATCH:-.build}
swift build -c release --scratch-path "$scratch" --product renosim >/dev/null
renosim="$scratch/release/renosim"
work=$(mktemp -d)
server=""
cleanup() {
    if [[ -n "$server" ]]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

started=$(date +%s)
"$renosim" serve scenarios/yonghong-2022.yaml --port 0 2>"$work/serve.log" &
server=$!
url=""
for _ in $(seq 1 100); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*/' "$work/serve.log" | head -1 || true)
    [[ -n "$url" ]] && break
    kill -0 "$server" 2>/dev/null || { echo "serve browser test: FAIL — the server exited: $(cat "$work/serve.log")"; exit 1; }
    sleep 0.1
done
[[ -n "$url" ]] || { echo "serve browser test: FAIL — the server printed no address: $(cat "$work/serve.log")"; exit 1; }

"$VENV_PYTHON" - "$url" "$work" "$renosim" "$started" <<'PY'
import json, os, subprocess, sys, time, urllib.request
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

url, work, renosim, started = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
replications, facade = 100, "10"
problems = []

options = webdriver.ChromeOptions()
for flag in ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--window-size=1280,1500"]:
    options.add_argument(flag)
options.binary_location = "/usr/bin/chromium"
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    driver.get(url)
    wait = WebDriverWait(driver, 40)
    wait.until(lambda d: d.find_elements(By.ID, "A-crews-facade"))
    Select(driver.find_element(By.ID, "A-plan")).select_by_value("three-year")
    wait.until(lambda d: d.find_elements(By.ID, "A-crews-facade"))
    crews = driver.find_element(By.ID, "A-crews-facade")
    before = crews.get_attribute("value")
    crews.clear(); crews.send_keys(facade)
    count = driver.find_element(By.ID, "replications")
    count.clear(); count.send_keys(str(replications))
    seed = driver.find_element(By.ID, "seed").get_attribute("value")
    driver.find_element(By.ID, "run").click()
    wait.until(lambda d: d.find_element(By.ID, "state").text in ("done", "failed", "stopped", "cancelled"))
    state = driver.find_element(By.ID, "state").text
    if state != "done":
        problems.append(f"run ended {state}: {driver.find_element(By.ID, 'general').text}")
    shown = driver.find_element(By.ID, "A-p-deadline")
    page_estimate = float(shown.get_attribute("data-estimate"))
    page_text = shown.text
    # Let the report frame draw, then keep the picture.
    wait.until(lambda d: d.execute_script(
        "const f = document.querySelector('#A-result iframe'); return f && f.contentDocument && "
        "f.contentDocument.readyState === 'complete' && f.contentDocument.querySelector('svg.chart') !== null"))
    driver.execute_script("window.scrollTo(0, 0)")
    driver.save_screenshot(os.path.join(work, "serve.png"))
    remote = driver.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name).filter(n => !n.startsWith(location.origin))")
    if remote: problems.append(f"fetched from elsewhere: {remote}")
    for entry in driver.get_log("browser"):
        if entry.get("level") == "SEVERE": problems.append("console: " + entry.get("message", "")[:200])
finally:
    driver.quit()

# The CLI on the same edit: the server's edited YAML, written to a file and run with the same seed.
body = json.dumps({"scenario": 0, "plan": "three-year", "edit": {"crews": {"facade": facade}}}).encode()
request = urllib.request.Request(url + "api/edit", data=body, headers={"Content-Type": "application/json"})
edited = json.load(urllib.request.urlopen(request, timeout=10))
path = os.path.join(work, "yonghong-edited.yaml")
open(path, "w", encoding="utf-8").write(edited["yaml"])
if "    crews: {facade: 10}\n" not in edited["yaml"]: problems.append("the edited YAML lacks the crews line")
if "# Changzhou, Yonghong area" not in edited["yaml"]: problems.append("the edited YAML lost its comments")
run = subprocess.run([renosim, "run", path, "--plan", "three-year", "--replications", str(replications), "--seed", seed,
                      "--format", "json", "--quiet"], capture_output=True, text=True, check=True)
cli = json.loads(run.stdout)["summary"]["deadline_met"]["estimate"]
if page_estimate != cli: problems.append(f"page P(deadline met) {page_estimate} != renosim run's {cli}")
elapsed = time.time() - started
if elapsed > 60: problems.append(f"took {elapsed:.0f} s (limit 60)")
if problems:
    print("serve browser test: FAIL — " + "; ".join(problems))
    sys.exit(1)
print(f"serve browser test: PASS — facade crews {before} → {facade}, {replications} replications, seed {seed}: "
      f"the page shows P(deadline met) {page_text} = renosim run's {cli}; nothing fetched from elsewhere, "
      f"no console error; {elapsed:.0f} s")
PY
if [[ "${1:-}" == "--update-screenshot" ]]; then
    cp "$work/serve.png" docs/serve.png
    echo "wrote docs/serve.png ($(stat -c %s docs/serve.png) bytes)"
fi
