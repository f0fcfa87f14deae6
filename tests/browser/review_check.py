#!/usr/bin/env python3
"""Checks `kehoach review` pages in a real browser (headless Chromium).

Two modes:

  review_check.py interact KEHOACH SHOTS_DIR
      For a text plan and a PDF plan: writes the review page with
      KEHOACH (the binary), opens it from file://, and checks that the
      console has no errors, that clicking a task row highlights exactly
      its source lines (for the PDF also a box on its page), that clicking
      a source line selects a row, and that two edits (a task's deadline
      and the document's number) are saved as a corrections file in the
      documented format; that file, given to `kehoach extract
      --corrections`, gives the corrected values, `kehoach eval
      --corrections` reports both as needed, and against a changed source
      it is reported and not applied. A screenshot per page goes to
      SHOTS_DIR.

  review_check.py console PAGE.html…
      Opens each page and checks only that the console has no errors (and
      that the page's script ran).

Needs Chromium and its driver (Debian: `chromium`, `chromium-driver`) and
`pip install selenium`. Exit code 0 when every check passes.
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

ROOT = Path(__file__).resolve().parents[2]
TEXT_PLAN = ROOT / "corpus" / "000_acc11078ec403f97.txt"
PDF_PLAN = ROOT / "fixtures" / "pdf" / "004_239490791d981bc8.pdf"
ISO_UTC = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")

failures = []

CLICK_TIMES = """
var rows = document.querySelectorAll('tr.row'), row = rows[rows.length - 1];
var t0 = performance.now();
row.querySelector('td.lines').click();
document.body.getBoundingClientRect();
var t1 = performance.now();
var n = row.dataset.start;
var line = document.querySelector('#source [data-n="' + n + '"]');
line.dispatchEvent(new MouseEvent('click', {bubbles: true}));
document.body.getBoundingClientRect();
var t2 = performance.now();
return [t1 - t0, t2 - t1];
"""


def check(ok, what):
    print(("ok   " if ok else "FAIL ") + what)
    if not ok:
        failures.append(what)


def browser(download_dir):
    opts = webdriver.ChromeOptions()
    opts.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--window-size=1600,1000",
              "--allow-file-access-from-files"):
        opts.add_argument(a)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    opts.add_experimental_option("prefs", {
        "download.default_directory": str(download_dir),
        "download.prompt_for_download": False,
        "download.directory_upgrade": True,
        "safebrowsing.enabled": True,
    })
    service = Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))
    driver = webdriver.Chrome(service=service, options=opts)
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(download_dir)})
    return driver


def console_errors(driver):
    """The console's SEVERE entries since the last call."""
    return [e for e in driver.get_log("browser") if e.get("level") == "SEVERE"]


def all_tasks(tasks):
    for t in tasks:
        yield t
        yield from all_tasks(t["subtasks"])


def open_page(driver, page):
    start = time.time()
    driver.get(page.resolve().as_uri())
    ran = driver.execute_script("return !!window.kehoachReview;")
    return ran, time.time() - start


def review(kehoach, plan, out):
    subprocess.run([str(kehoach), "review", str(plan), "--out", str(out)], check=True)
    page = out / (plan.stem + ".review.html")
    assert page.is_file(), page
    return page


def interact(kehoach, plan_file, driver, page, downloads, shots, pdf):
    name = page.name
    ran, took = open_page(driver, page)
    check(ran, f"{name}: the page's script ran ({took:.2f} s to load)")
    errs = console_errors(driver)
    check(not errs, f"{name}: no console errors at load {errs if errs else ''}")

    # A task row: its source is highlighted, exactly its lines.
    row = driver.find_elements(By.CSS_SELECTOR, "tr.row.task")[min(3, len(driver.find_elements(By.CSS_SELECTOR, "tr.row.task")) - 1)]
    driver.execute_script("arguments[0].scrollIntoView({block:'center'});", row)
    row.find_element(By.CSS_SELECTOR, "td.lines").click()
    start, end = int(row.get_attribute("data-start")), int(row.get_attribute("data-end"))
    sel = "text.hl" if pdf else ".ln.hl"
    lit = sorted(int(e.get_attribute("data-n"))
                 for e in driver.find_elements(By.CSS_SELECTOR, sel))
    check(lit == list(range(start, end + 1)),
          f"{name}: row {row.get_attribute('data-id')} highlights lines {start}-{end} (got {lit[:3]}…{lit[-3:]})")
    check("sel" in row.get_attribute("class"), f"{name}: the clicked row is selected")
    if pdf:
        page_no = row.get_attribute("data-page")
        boxes = driver.find_elements(By.CSS_SELECTOR, f'svg[data-page="{page_no}"] rect.hl-box')
        check(len(boxes) == 1, f"{name}: a highlight box on page {page_no}")
        if boxes:
            visible = driver.execute_script(
                "var r=arguments[0].getBoundingClientRect(),s=document.getElementById('source').getBoundingClientRect();"
                "return r.bottom>s.top && r.top<s.bottom;", boxes[0])
            check(visible, f"{name}: the box is scrolled into view")

    # A value: clicking it highlights the lines it was read from (its
    # provenance in the plan), not the whole row's.
    plan_json = json.loads(driver.execute_script(
        "return document.getElementById('kh-plan').textContent;"))
    row_id = row.get_attribute("data-id")
    task = next(t for t in all_tasks(plan_json["tasks"]) if t["id"] == row_id)
    field = "deadline" if task["provenance"].get("deadline") else "name"
    want = task["provenance"][field]
    cell = row.find_element(By.CSS_SELECTOR, "td.deadline" if field == "deadline" else "td.name")
    cell.click()
    lit = sorted(int(e.get_attribute("data-n"))
                 for e in driver.find_elements(By.CSS_SELECTOR, "text.hl" if pdf else ".ln.hl"))
    check(lit == list(range(want["start_line"], want["end_line"] + 1)),
          f"{name}: {row_id}'s {field} highlights its lines {want['start_line']}-{want['end_line']} (got {lit[:3]}…{lit[-3:]})")
    check("vsel" in cell.get_attribute("class"), f"{name}: the clicked value is selected")
    if pdf:
        boxes = driver.find_elements(By.CSS_SELECTOR, "rect.hl-box")
        got = [round(float(boxes[0].get_attribute(k)), 1) for k in ("x", "y", "width", "height")] if boxes else None
        b = want.get("bbox")
        check(b is not None and got == [round(b[0] - 2, 1), round(b[1] - 2, 1), round(b[2] - b[0] + 4, 1), round(b[3] - b[1] + 4, 1)],
              f"{name}: the {field}'s box on page {want.get('page')} is drawn ({got} for {b})")

    # The reverse: a source line selects the rows read from it.
    target = driver.find_elements(By.CSS_SELECTOR, "tr.row.task")[0]
    line_no = int(target.get_attribute("data-start"))
    sel = f'text[data-n="{line_no}"]' if pdf else f'#L{line_no}'
    line = driver.find_element(By.CSS_SELECTOR, sel)
    driver.execute_script("arguments[0].scrollIntoView({block:'center'});", line)
    if pdf:
        # An SVG text is clicked through its event, as a mouse would.
        driver.execute_script("arguments[0].dispatchEvent(new MouseEvent('click',{bubbles:true}));", line)
    else:
        line.click()
    selected = driver.find_elements(By.CSS_SELECTOR, "tr.row.sel")
    ids = [r.get_attribute("data-id") for r in selected]
    check(target.get_attribute("data-id") in ids,
          f"{name}: clicking source line {line_no} selects row {target.get_attribute('data-id')} (selected {ids})")
    values = driver.find_elements(By.CSS_SELECTOR, "td.v.vsel")
    check(any(v.find_element(By.XPATH, "..") == target for v in values),
          f"{name}: and the values of row {target.get_attribute('data-id')} read from it ({len(values)} values selected)")

    # Two edits: a task's deadline and the document's number.
    task_id = target.get_attribute("data-id")
    deadline = target.find_element(By.CSS_SELECTOR, "td.deadline")
    old_deadline = deadline.text or None
    edit(driver, deadline, "Quý IV/2026 (đã sửa)")
    number = driver.find_element(By.CSS_SELECTOR, 'td[data-path="/document/number"]')
    old_number = number.text or None
    edit(driver, number, "99/KH-TEST")
    driver.find_element(By.ID, "reviewer").send_keys("Người kiểm tra")
    for f in downloads.glob("*"):
        f.unlink()
    driver.find_element(By.ID, "save").click()
    stem = page.name[: -len(".review.html")]
    saved = downloads / f"{stem}.corrections.json"
    for _ in range(50):
        if saved.is_file() and saved.stat().st_size > 0:
            break
        time.sleep(0.1)
    check(saved.is_file(), f"{name}: Save downloads {saved.name}")
    if saved.is_file():
        doc = json.loads(saved.read_text(encoding="utf-8"))
        plan = json.loads(driver.execute_script(
            "return document.getElementById('kh-plan').textContent;"))
        check(list(doc.keys()) == ["kehoach_corrections", "source", "corrections"]
              and doc["kehoach_corrections"] == 1,
              f"{name}: the file's head is the format's")
        check(doc["source"] == {"file": plan["source"]["file"], "sha256": plan["source"]["sha256"]},
              f"{name}: source names the file and its sha256")
        want = [
            {"path": f"/tasks/{task_id}/deadline/raw", "old": old_deadline,
             "new": "Quý IV/2026 (đã sửa)"},
            {"path": "/document/number", "old": old_number, "new": "99/KH-TEST"},
        ]
        got = doc["corrections"]
        check(len(got) == 2, f"{name}: two corrections (got {len(got)})")
        for w, g in zip(want, got):
            check(list(g.keys()) == ["path", "old", "new", "by", "at"],
                  f"{name}: {w['path']}: keys path, old, new, by, at")
            check({k: g.get(k) for k in ("path", "old", "new")} == w,
                  f"{name}: {w['path']}: {g.get('old')!r} -> {g.get('new')!r}")
            check(g.get("by") == "Người kiểm tra", f"{name}: {w['path']}: by the reviewer")
            check(bool(ISO_UTC.match(g.get("at", ""))), f"{name}: {w['path']}: at {g.get('at')} (ISO 8601 UTC)")
        check(plan["document"]["number"] == old_number,
              f"{name}: the old number is the plan's ({old_number})")
        round_trip(kehoach, plan_file, saved, task_id, name)

    # A reload keeps the edits (the browser's storage, by the source's
    # sha256); Discard drops them, and they stay dropped.
    driver.refresh()
    cell = lambda path: driver.find_element(By.CSS_SELECTOR, f'td[data-path="{path}"]')
    count = driver.find_element(By.ID, "edit-count").text
    deadline_path = f"/tasks/{task_id}/deadline/raw"
    check(count == "2 edits, saved", f"{name}: after a reload: {count!r}")
    check(cell(deadline_path).text == "Quý IV/2026 (đã sửa)"
          and "edited" in cell(deadline_path).get_attribute("class"),
          f"{name}: the edited deadline is shown after a reload")
    restored = driver.execute_script("return window.kehoachReview.correctionsDocument().corrections.length;")
    check(restored == 2, f"{name}: and would be saved again ({restored})")
    driver.find_element(By.ID, "discard").click()
    driver.switch_to.alert.accept()
    check(driver.find_element(By.ID, "edit-count").text == "no edits"
          and cell(deadline_path).text == (old_deadline or "")
          and cell("/document/number").text == (old_number or ""),
          f"{name}: Discard puts the extractor's values back")
    driver.refresh()
    check(driver.find_element(By.ID, "edit-count").text == "no edits",
          f"{name}: and a reload keeps them discarded")

    # Keys: n goes to the first marked row and shows its source, p back.
    marked = [r.get_attribute("data-id") for r in driver.find_elements(By.CSS_SELECTOR, "tr.row.marked")]
    driver.find_element(By.TAG_NAME, "body").click()
    driver.execute_script("document.querySelectorAll('tr.row.focus').forEach(r=>r.classList.remove('focus'));")
    ActionChains(driver).send_keys("n").perform()
    focus = driver.find_elements(By.CSS_SELECTOR, "tr.row.focus")
    if marked:
        check(len(focus) == 1 and focus[0].get_attribute("data-id") == marked[0]
              and driver.find_elements(By.CSS_SELECTOR, "text.hl" if pdf else ".ln.hl"),
              f"{name}: n selects the first marked row ({marked[0]}) and shows its source")
        ActionChains(driver).send_keys("n").send_keys("p").perform()
        focus = driver.find_elements(By.CSS_SELECTOR, "tr.row.focus")
        check(len(focus) == 1 and focus[0].get_attribute("data-id") == marked[0],
              f"{name}: n then p comes back to it")

    # Marked rows only.
    driver.find_element(By.ID, "only-marked").click()
    shown = driver.execute_script(
        "return Array.from(document.querySelectorAll('tr.row')).filter(r=>r.offsetParent!==null)"
        ".every(r=>r.classList.contains('marked'));")
    check(shown, f"{name}: 'show only marked rows' hides the others")
    driver.find_element(By.ID, "only-marked").click()

    driver.save_screenshot(str(shots / (stem + (".pdf" if pdf else ".txt") + ".png")))
    errs = console_errors(driver)
    check(not errs, f"{name}: no console errors after the clicks {errs if errs else ''}")


def round_trip(kehoach, plan_file, saved, task_id, name):
    """The file the page saved, used as a reviewer would: `extract
    --corrections` gives the corrected values, `eval --corrections` reports
    them as still needed, and against a changed source they are reported,
    not applied."""
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        fixes = tmp / "fixes"
        fixes.mkdir()
        (fixes / saved.name).write_bytes(saved.read_bytes())
        run = subprocess.run([str(kehoach), "extract", str(plan_file), "--corrections", str(fixes)],
                             capture_output=True, text=True)
        check(run.returncode == 0, f"{name}: extract --corrections runs ({run.stderr.strip()[:200]})")
        if run.returncode == 0:
            plan = json.loads(run.stdout)
            task = find_task(plan["tasks"], task_id)
            check(task is not None and task["deadline"]["raw"] == "Quý IV/2026 (đã sửa)"
                  and task["deadline"]["kind"] == "quarter" and task["deadline"]["start"] == "2026-10-01",
                  f"{name}: the corrected deadline, read again ({task and task['deadline']})")
            check(plan["document"]["number"] == "99/KH-TEST", f"{name}: the corrected number")
            check(sorted(c["path"] for c in plan.get("corrections", []))
                  == sorted([f"/tasks/{task_id}/deadline/raw", "/document/number"]),
                  f"{name}: the output lists both corrections")
        ev = subprocess.run([str(kehoach), "eval", "--corrections", str(fixes), str(plan_file), "--json"],
                            capture_output=True, text=True)
        check(ev.returncode == 0, f"{name}: eval --corrections runs ({ev.stderr.strip()[:200]})")
        if ev.returncode == 0:
            verdicts = re.findall(r'"verdict"\s*:\s*"([a-z ]+)"', ev.stdout)
            check(verdicts == ["needed", "needed"], f"{name}: eval reports both as needed (got {verdicts})")
        # The same file against a changed source: reported, not applied.
        changed = tmp / "changed" / plan_file.name
        changed.parent.mkdir()
        data = plan_file.read_bytes()
        changed.write_bytes(data + (b"\n" if plan_file.suffix != ".pdf" else b"%changed\n"))
        run = subprocess.run([str(kehoach), "extract", str(changed), "--corrections", str(fixes)],
                             capture_output=True, text=True)
        if run.returncode == 0:
            plan = json.loads(run.stdout)
            codes = [w["code"] for w in plan["warnings"]]
            check("correction_not_applied" in codes and plan["document"]["number"] != "99/KH-TEST"
                  and "corrections" not in plan,
                  f"{name}: a changed source is reported and nothing applied ({codes[:4]})")
            check(plan_file.name in run.stderr or "not applied" in run.stderr,
                  f"{name}: and said on stderr")
        else:
            check(False, f"{name}: extract of the changed source runs ({run.stderr.strip()[:200]})")


def find_task(tasks, task_id):
    for t in tasks:
        if t["id"] == task_id:
            return t
        found = find_task(t["subtasks"], task_id)
        if found:
            return found
    return None


def edit(driver, td, text):
    driver.execute_script("arguments[0].scrollIntoView({block:'center'});", td)
    ActionChains(driver).double_click(td).perform()
    ActionChains(driver).key_down(Keys.CONTROL).send_keys("a").key_up(Keys.CONTROL).perform()
    ActionChains(driver).send_keys(text).send_keys(Keys.ENTER).perform()
    check("edited" in td.get_attribute("class"), f"edit of {td.get_attribute('data-path')} kept")


def main(argv):
    if len(argv) >= 3 and argv[0] == "interact":
        kehoach, shots = Path(argv[1]).resolve(), Path(argv[2]).resolve()
        shots.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory() as tmp:
            tmp = Path(tmp)
            downloads = tmp / "downloads"
            downloads.mkdir()
            driver = browser(downloads)
            try:
                for plan, pdf in ((TEXT_PLAN, False), (PDF_PLAN, True)):
                    out = tmp / ("pdf" if pdf else "text")
                    out.mkdir()
                    interact(kehoach, plan, driver, review(kehoach, plan, out), downloads, shots, pdf)
            finally:
                driver.quit()
    elif len(argv) >= 2 and argv[0] == "console":
        with tempfile.TemporaryDirectory() as tmp:
            driver = browser(Path(tmp))
            try:
                for page in map(Path, argv[1:]):
                    ran, took = open_page(driver, page)
                    errs = console_errors(driver)
                    rows = driver.execute_script("return document.querySelectorAll('tr.row').length;")
                    # How long a click on the last row and on its first
                    # source line take, layout included.
                    ms = driver.execute_script(CLICK_TIMES) if rows else None
                    clicks = f", clicks {ms[0]:.0f}/{ms[1]:.0f} ms" if ms else ""
                    check(ran and not errs,
                          f"{page.name}: opens without console errors ({rows} rows, {took:.2f} s{clicks}) {errs if errs else ''}")
            finally:
                driver.quit()
    else:
        print(__doc__, file=sys.stderr)
        return 2
    if failures:
        print(f"{len(failures)} check(s) failed", file=sys.stderr)
        return 1
    print("all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
