#!/usr/bin/env python3
"""Tests of `ingot report` (docs/report.md).

  report_test.py page     --ingot BIN --shared DIR --work DIR
      The HTML: written, byte-identical on a second run, self-contained (no
      network reference, no external src or href), model strings escaped,
      the figures of the inputs on the page, errors that name the file.
  report_test.py chromium --ingot BIN --shared DIR --work DIR
      The page in headless Chromium: no console message, and the screenshot
      shows the memory-plan picture. Exits 77 when chromium or Pillow is
      missing.

The profile and eval files beside this script are hand-written samples in
the formats of `ingot profile --json` and `ingot compile --eval --json`; the
figures in them are invented and only have to arrive on the page.
"""
import argparse
import json
import math
import os
import re
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROFILE = os.path.join(HERE, "vww_profile_sample.json")
EVAL = os.path.join(HERE, "vww_eval_sample.json")
# The fill of an activation rectangle in the memory plan (Report.cpp's
# `svg rect.t`); nothing else on the page is painted in it but the legend.
ACTIVATION_RGB = (0x3A, 0x78, 0xD8)
PEAK_RGB = (0xD0, 0x31, 0x2D)

failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print("FAIL: " + message)


def run_report(args, model, output, *extra):
    command = [args.ingot, "report", model, "-o", output, *extra]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def vww(args):
    return os.path.join(args.shared, "conformance", "mlperf_vww_int8",
                        "model.tflite")


def write_full_report(args, output):
    result = run_report(args, vww(args), output, "--profile=" + PROFILE,
                        "--eval-json=" + EVAL, "--reference=" +
                        os.path.join(args.shared, "anchors", "tflm_cm4.json"))
    if result.returncode != 0:
        sys.exit("ingot report failed:\n" + result.stderr)
    with open(output, encoding="utf-8") as page:
        return page.read()


def test_page(args):
    first = os.path.join(args.work, "vww.html")
    html = write_full_report(args, first)
    again = os.path.join(args.work, "vww-again.html")
    write_full_report(args, again)
    with open(first, "rb") as a, open(again, "rb") as b:
        check(a.read() == b.read(), "two runs wrote different files")

    # Self-contained: nothing to fetch, no script library.
    check(not re.search(r"https?://", html), "the page names a URL")
    check(not re.search(r"\bsrc\s*=", html, re.I), "the page has a src=")
    for target in re.findall(r"\bhref\s*=\s*\"([^\"]*)\"", html, re.I):
        check(target.startswith("#"), "the page links to " + target)
    check("<link" not in html.lower(), "the page has a <link>")
    check("@import" not in html and "url(" not in html,
          "the style fetches something")

    # The model's figures, from sources other than the report: the anchors
    # file counts 7,489,664 MACs for this model and TFLM's arena; the
    # planner's arena is what `ingot inspect` reports.
    inspect = json.loads(subprocess.run(
        [args.ingot, "inspect", vww(args), "--json"], capture_output=True,
        text=True, check=True).stdout)
    arena = "{:,}".format(inspect["arena_bytes"])
    check("7,489,664" in html, "the MAC total is not on the page")
    check("100,708" in html, "TFLM's arena (tflm_cm4.json) is not on the page")
    check("333,288" in html, "TFLM's model bytes are not on the page")
    check(f"arena {arena} B" in html, "the arena is not marked in the plan")
    check(html.count("<svg") == 3, "expected 3 pictures: plan, cost, SQNR")
    check(html.count('<rect class="t"') >= 20,
          "the memory plan has fewer than 20 tensors")
    check(html.count('class="peakmark"') >= 1, "no peak is marked")
    for layer in inspect["layers"]:
        check(layer["output"].replace("&", "&amp;") in html,
              "layer output " + layer["output"] + " is missing")
    with open(PROFILE) as f:
        profile = json.load(f)
    check("{:,}".format(profile["total"]) in html,
          "the profile's total is not on the page")
    check(html.count('<rect class="cost"') == len(profile["layers"]),
          "not one cost bar per profiled layer")
    with open(EVAL) as f:
        evaluation = json.load(f)
    check(html.count('<rect class="sqnr"') + html.count('<rect class="exact"')
          == len(evaluation["layers"]), "not one SQNR bar per layer")

    # What `ingot profile --json` writes is what --profile reads: a host
    # profile of hello_world_int8 gets one bar per layer and its total.
    hello = os.path.join(args.shared, "conformance", "hello_world_int8",
                         "model.tflite")
    profiled = subprocess.run([args.ingot, "profile", hello, "--json"],
                              capture_output=True, text=True, timeout=120)
    check(profiled.returncode == 0, "ingot profile failed: " +
          profiled.stderr)
    if profiled.returncode == 0:
        host_profile = os.path.join(args.work, "hello_world_profile.json")
        with open(host_profile, "w") as f:
            f.write(profiled.stdout)
        measured = json.loads(profiled.stdout)
        page = os.path.join(args.work, "hello_world_profile.html")
        result = run_report(args, hello, page, "--profile=" + host_profile)
        check(result.returncode == 0, "--profile with what ingot profile "
              "wrote: " + result.stderr)
        if result.returncode == 0:
            with open(page, encoding="utf-8") as f:
                text = f.read()
            check(text.count('<rect class="cost"') == len(measured["layers"]),
                  "not one bar per layer of ingot profile's output")
            check("{:,}".format(math.floor(measured["total"] + 0.5)) in text,
                  "ingot profile's total is not on the page")

    # --eval-data measures in place: hello_world_float quantized to int8 by
    # ingot, against itself in float, on the conformance inputs. Each of its
    # three FULLY_CONNECTED layers gets a bar; the values are the harness's.
    data = os.path.join(args.work, "hello_world_inputs")
    os.makedirs(data, exist_ok=True)
    source = os.path.join(args.shared, "conformance", "hello_world_float")
    for name in sorted(os.listdir(source)):
        if name.endswith("_input0.bin"):
            shutil.copy(os.path.join(source, name), data)
    measured = os.path.join(args.work, "hello_world_eval.html")
    result = run_report(args, os.path.join(source, "model.tflite"), measured,
                        "--quantize=int8", "--calibration=" + data,
                        "--eval-data=" + data)
    check(result.returncode == 0, "--eval-data failed: " + result.stderr)
    if result.returncode == 0:
        with open(measured, encoding="utf-8") as f:
            text = f.read()
        bars = text.count('<rect class="sqnr"') + text.count(
            '<rect class="exact"')
        check(bars == 3, f"--eval-data drew {bars} SQNR bars, not 3")
        check("Top-1 agreement" in text, "--eval-data: no top-1 agreement")

    # Every string from the model is escaped: a copy whose output tensor
    # name and file name hold HTML (same length, so the flatbuffer stays
    # valid).
    with open(vww(args), "rb") as f:
        model = f.read()
    original = b"Identity_int8"
    hostile = b"<b>&\"'</b>xyz"
    assert len(original) == len(hostile) and original in model
    hostile_dir = os.path.join(args.work, "hostile")
    os.makedirs(hostile_dir, exist_ok=True)
    hostile_model = os.path.join(hostile_dir, "net<i>&amp.tflite")
    with open(hostile_model, "wb") as f:
        f.write(model.replace(original, hostile))
    hostile_page = os.path.join(hostile_dir, "report.html")
    result = run_report(args, hostile_model, hostile_page)
    check(result.returncode == 0, "report of the renamed model failed: " +
          result.stderr)
    if result.returncode == 0:
        with open(hostile_page, encoding="utf-8") as f:
            text = f.read()
        check(hostile.decode() not in text, "a tensor name reached the page "
              "unescaped")
        check("&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;xyz" in text,
              "the escaped tensor name is not on the page")
        check("net<i>" not in text, "the file name reached the page unescaped")
        check("net&lt;i&gt;&amp;amp" in text,
              "the escaped file name is not on the page")

    # Errors for people: one line that names the file.
    missing = os.path.join(args.work, "no-such-profile.json")
    result = run_report(args, vww(args), os.path.join(args.work, "x.html"),
                        "--profile=" + missing)
    check(result.returncode == 1 and missing in result.stderr and
          result.stderr.count("\n") == 1,
          "a missing --profile file: " + result.stderr)
    broken = os.path.join(args.work, "broken.json")
    with open(broken, "w") as f:
        f.write('{"layers": [ {"cost": 1}, ')
    for option in ("--profile", "--eval-json", "--reference"):
        result = run_report(args, vww(args),
                            os.path.join(args.work, "x.html"),
                            option + "=" + broken)
        check(result.returncode == 1 and broken in result.stderr and
              "not valid JSON" in result.stderr and
              result.stderr.count("\n") == 1,
              option + " with broken JSON: " + result.stderr)
    check(not os.path.exists(os.path.join(args.work, "x.html")),
          "a failed report left a file behind")
    result = run_report(args, os.path.join(args.work, "missing.tflite"),
                        os.path.join(args.work, "x.html"))
    check(result.returncode == 1 and "missing.tflite" in result.stderr,
          "a missing model: " + result.stderr)


def chromium_run(chromium, page, screenshot):
    """Loads `page`; returns Chromium's console lines."""
    result = subprocess.run(
        [chromium, "--headless", "--no-sandbox", "--disable-gpu",
         "--enable-logging=stderr", "--v=0", "--hide-scrollbars",
         "--screenshot=" + screenshot, "--window-size=1280,2000",
         "file://" + os.path.abspath(page)],
        capture_output=True, text=True, timeout=90)
    if result.returncode != 0 or not os.path.exists(screenshot):
        sys.exit("chromium failed on " + page + ":\n" + result.stderr)
    # Every console message, of any level, is logged as ":CONSOLE".
    return [line for line in result.stderr.splitlines() if ":CONSOLE" in line]


def test_chromium(args):
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        print("SKIP: chromium is not installed (scripts/install-deps.sh)")
        sys.exit(77)
    try:
        from PIL import Image
    except ImportError:
        print("SKIP: Pillow is not installed (python3-pil, "
              "scripts/install-deps.sh)")
        sys.exit(77)

    page = os.path.join(args.work, "vww.html")
    html = write_full_report(args, page)

    # The console check must be able to fail: the same page with an error.
    broken = os.path.join(args.work, "vww-broken.html")
    with open(broken, "w", encoding="utf-8") as f:
        f.write(html.replace("</body>",
                             "<script>notDefinedAnywhere();</script></body>"))
    messages = chromium_run(chromium, broken,
                            os.path.join(args.work, "vww-broken.png"))
    check(any("notDefinedAnywhere" in line for line in messages),
          "the console check did not see a deliberate error")

    screenshot = os.path.join(args.work, "vww.png")
    messages = chromium_run(chromium, page, screenshot)
    check(not messages, "console messages:\n" + "\n".join(messages))

    image = Image.open(screenshot).convert("RGB")
    counts = {color: n for n, color in image.getcolors(1 << 24)}
    blue = counts.get(ACTIVATION_RGB, 0)
    red = counts.get(PEAK_RGB, 0)
    mask = Image.new("1", image.size)
    mask.putdata([pixel == ACTIVATION_RGB for pixel in image.getdata()])
    box = mask.getbbox()
    print(f"tensor pixels: {blue} in {box}; peak-red pixels: {red}")
    # The plot is about 950 x 370 pixels; the tensors cover half of it.
    check(blue > 60000, f"only {blue} pixels of the tensors' color: the "
          "memory plan is not drawn")
    check(box is not None and box[2] - box[0] > 600 and box[3] - box[1] > 200,
          "the tensors' color does not span a picture")
    check(box is not None and box[3] < 1400, "the memory plan is not near "
          "the top")
    # The peak line runs along the top of the highest tensor.
    if box is not None:
        top = box[1]
        on_line = sum(1 for y in range(top - 4, top + 4)
                      for x in range(image.size[0])
                      if pixels_equal(image, x, y, PEAK_RGB))
        check(on_line > 300, f"the peak line is not at the top of the "
              f"tensors ({on_line} red pixels there)")


def pixels_equal(image, x, y, rgb):
    return 0 <= y < image.size[1] and image.getpixel((x, y)) == rgb


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["page", "chromium"])
    parser.add_argument("--ingot", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--work", required=True)
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    {"page": test_page, "chromium": test_chromium}[args.what](args)
    if failures:
        sys.exit(f"{len(failures)} check(s) failed")
    print("ok")


if __name__ == "__main__":
    main()
