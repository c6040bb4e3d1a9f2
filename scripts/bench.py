#!/usr/bin/env python3
"""Measures the assistant's window side by side with the floor (examples/floor.rs) and
prints one Markdown table with the headless figures of `cargo bench --bench frames`.

Run through scripts/bench.sh, which builds both in release, runs the frame bench and
starts Xvfb when there is no display. Linux only (/proc, os.wait4, xdotool).

Per window run, from outside the process:
- start-up: wall time from spawn to exit, with CSSM_EXIT_AFTER_FIRST_FRAME=1 (the program
  exits as its second frame starts, i.e. right after the first frame was presented);
- peak resident memory: ru_maxrss of the child (os.wait4), at the first frame and after
  the open window sat idle;
- idle CPU: utime+stime of /proc/PID/stat over IDLE seconds, once the window is shown,
  focused (the worst case: a focused window may blink a cursor) and left alone SETTLE s
  (longer than the 5 s the assistant's cursor blinks after the last input).
Runs are interleaved (assistant, floor, assistant, floor, ...) and each figure is the
median. Every run gets a fresh HOME / XDG_DATA_HOME / XDG_CONFIG_HOME (so no autosaved
draft is offered); XDG_CACHE_HOME is shared by all runs, as a user's Mesa shader cache
is warm after the first start.
"""

import argparse
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time

ASSISTANT_TITLE = "CSSM Subscription Assistant"
FLOOR_TITLE = "eframe floor"
EXIT_VAR = "CSSM_EXIT_AFTER_FIRST_FRAME"
CLK_TCK = os.sysconf("SC_CLK_TCK")


def log(*args):
    print(*args, file=sys.stderr, flush=True)


class Program:
    def __init__(self, name, argv, title):
        self.name = name
        self.argv = argv
        self.title = title


def run_env(base, cache):
    home = tempfile.mkdtemp(prefix="cssm-bench-home-")
    env = dict(base)
    env.update(
        HOME=home,
        XDG_DATA_HOME=os.path.join(home, "data"),
        XDG_CONFIG_HOME=os.path.join(home, "config"),
        XDG_CACHE_HOME=cache,
    )
    return env, home


def spawn(prog, env, err):
    return subprocess.Popen(prog.argv, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=err)


def wait_rusage(proc, timeout):
    """Waits for the child; returns (exit code, ru_maxrss in KiB). Kills it after
    `timeout` seconds."""
    timer = threading.Timer(timeout, lambda: proc.kill())
    timer.start()
    try:
        _, status, usage = os.wait4(proc.pid, 0)
    finally:
        timer.cancel()
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, usage.ru_maxrss


def startup_run(prog, base, cache, timeout):
    env, home = run_env(base, cache)
    env[EXIT_VAR] = "1"
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = spawn(prog, env, err)
        code, maxrss = wait_rusage(proc, timeout)
        wall = time.perf_counter() - start
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    shutil.rmtree(home, ignore_errors=True)
    if code != 0:
        sys.exit(f"{prog.name}: start-up run exited with {code}\n{stderr}")
    return wall, maxrss


def xdotool(*args):
    out = subprocess.run(["xdotool", *args], capture_output=True, text=True)
    return out.stdout.split()


def cpu_ticks(pid):
    with open(f"/proc/{pid}/stat") as f:
        stat = f.read()
    # The fields after the command name, which may hold spaces, in parentheses.
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])  # utime, stime


def idle_run(prog, base, cache, settle, idle, timeout):
    env, home = run_env(base, cache)
    env.pop(EXIT_VAR, None)
    with tempfile.TemporaryFile() as err:
        proc = spawn(prog, env, err)
        try:
            wid = None
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if proc.poll() is not None:
                    err.seek(0)
                    sys.exit(f"{prog.name}: died before showing its window\n"
                             + err.read().decode(errors="replace"))
                # eframe shows the window once its first frame is painted.
                found = xdotool("search", "--all", "--onlyvisible", "--pid",
                                str(proc.pid), "--name", f"^{prog.title}$")
                if found:
                    wid = found[0]
                    break
                time.sleep(0.05)
            if wid is None:
                sys.exit(f"{prog.name}: no window titled '{prog.title}' appeared")
            # Focused, with the pointer parked outside it (on our own Xvfb only: a real
            # desktop's pointer is left alone).
            if base.get("CSSM_BENCH_XVFB"):
                xdotool("mousemove", "1279", "859")
            xdotool("windowfocus", wid)
            time.sleep(settle)
            focused = xdotool("getwindowfocus") == [wid]
            before = cpu_ticks(proc.pid)
            start = time.monotonic()
            time.sleep(idle)
            after = cpu_ticks(proc.pid)
            elapsed = time.monotonic() - start
            if proc.poll() is not None:
                sys.exit(f"{prog.name}: died while idle")
        finally:
            if proc.returncode is None:
                proc.send_signal(signal.SIGTERM)
        _, maxrss = wait_rusage(proc, timeout)
    shutil.rmtree(home, ignore_errors=True)
    cpu = (after - before) / CLK_TCK / elapsed * 100.0
    return cpu, maxrss, focused


def median(xs):
    return statistics.median(xs)


def read_frames(path):
    with open(path) as f:
        for line in f:
            if line.startswith("bench-frames "):
                return json.loads(line[len("bench-frames "):])
    sys.exit(f"{path}: no 'bench-frames' line (did `cargo bench --bench frames` run?)")


def first_line(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=30).stdout
        return out.strip().splitlines()[0] if out.strip() else ""
    except (OSError, subprocess.TimeoutExpired):
        return ""


def machine(glx_env):
    model = ""
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_kib = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem_kib = int(line.split()[1])
    pretty = ""
    try:
        with open("/etc/os-release") as f:
            for line in f:
                if line.startswith("PRETTY_NAME="):
                    pretty = line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    renderer = version = ""
    try:
        out = subprocess.run(["glxinfo", "-B"], capture_output=True, text=True,
                             env=glx_env, timeout=30).stdout
        for line in out.splitlines():
            line = line.strip()
            if line.startswith("OpenGL renderer string:"):
                renderer = line.split(":", 1)[1].strip()
            elif line.startswith("OpenGL version string:"):
                version = line.split(":", 1)[1].strip()
    except (OSError, subprocess.TimeoutExpired):
        pass
    return {
        "cpus": os.cpu_count(),
        "cpu": model,
        "memory": f"{mem_kib / 1024 / 1024:.1f} GiB",
        "os": f"{pretty}, Linux {platform.release()}",
        "gl": f"{renderer}; {version}" if renderer else "unknown (glxinfo missing)",
        "rustc": first_line(["rustc", "--version"]),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--assistant", required=True)
    ap.add_argument("--floor", required=True)
    ap.add_argument("--frames", required=True, help="output of cargo bench --bench frames")
    ap.add_argument("--runs", type=int, default=15, help="start-up runs of each")
    ap.add_argument("--idle-runs", type=int, default=10, help="idle runs of each")
    ap.add_argument("--settle", type=float, default=6.0)
    ap.add_argument("--idle", type=float, default=10.0)
    ap.add_argument("--timeout", type=float, default=60.0)
    ap.add_argument("--command", default="scripts/bench.sh")
    ap.add_argument("--json", help="also write every raw figure here")
    args = ap.parse_args()

    frames = read_frames(args.frames)
    base = dict(os.environ)
    base.pop("WAYLAND_DISPLAY", None)  # the same backend for both: X11
    if not base.get("DISPLAY"):
        sys.exit("no DISPLAY: run through scripts/bench.sh, which starts Xvfb")
    cache = tempfile.mkdtemp(prefix="cssm-bench-cache-")
    progs = [
        Program("assistant", [args.assistant, "--lang", "en"], ASSISTANT_TITLE),
        Program("floor", [args.floor], FLOOR_TITLE),
    ]
    raw = {p.name: {"startup_s": [], "startup_rss_kib": [], "idle_cpu_pct": [],
                    "idle_rss_kib": [], "focused": []} for p in progs}

    # One run of each first, not counted: the binaries reach the page cache and the
    # shader cache fills, as on any start but a machine's first.
    for p in progs:
        startup_run(p, base, cache, args.timeout)
    for i in range(args.runs):
        for p in progs:
            wall, rss = startup_run(p, base, cache, args.timeout)
            raw[p.name]["startup_s"].append(wall)
            raw[p.name]["startup_rss_kib"].append(rss)
        log(f"start-up run {i + 1}/{args.runs}: " + ", ".join(
            f"{p.name} {raw[p.name]['startup_s'][-1] * 1000:.0f} ms" for p in progs))
    for i in range(args.idle_runs):
        for p in progs:
            cpu, rss, focused = idle_run(p, base, cache, args.settle, args.idle, args.timeout)
            raw[p.name]["idle_cpu_pct"].append(cpu)
            raw[p.name]["idle_rss_kib"].append(rss)
            raw[p.name]["focused"].append(focused)
        log(f"idle run {i + 1}/{args.idle_runs}: " + ", ".join(
            f"{p.name} {raw[p.name]['idle_cpu_pct'][-1]:.2f} %" for p in progs))
    shutil.rmtree(cache, ignore_errors=True)

    a, f = raw["assistant"], raw["floor"]
    size_a, size_f = os.path.getsize(args.assistant), os.path.getsize(args.floor)
    mib = 1024 * 1024
    rows = []

    def ratio_row(metric, va, vf, unit_fmt, limit):
        r = va / vf if vf else float("inf")
        rows.append((metric, unit_fmt(va), unit_fmt(vf), f"{r:.2f}x", f"<= {limit}x",
                     "yes" if r <= limit else "**no**"))

    ms = lambda s: f"{s * 1000:.0f} ms"
    mem = lambda kib: f"{kib / 1024:.1f} MiB"
    ratio_row(f"start-up to first frame (median of {args.runs})",
              median(a["startup_s"]), median(f["startup_s"]), ms, 1.2)
    ratio_row("peak resident memory, start-up runs",
              median(a["startup_rss_kib"]), median(f["startup_rss_kib"]), mem, 1.2)
    ratio_row(f"peak resident memory, open {args.settle + args.idle:.0f} s (median of "
              f"{args.idle_runs})",
              median(a["idle_rss_kib"]), median(f["idle_rss_kib"]), mem, 1.2)
    cpu_a, cpu_f = median(a["idle_cpu_pct"]), median(f["idle_cpu_pct"])
    rows.append((f"CPU of the open, idle, focused window over {args.idle:.0f} s "
                 f"(median of {args.idle_runs}; max {max(a['idle_cpu_pct']):.2f} %)",
                 f"{cpu_a:.2f} % of a core", f"{cpu_f:.2f} % of a core", "-",
                 "< 1 % of a core", "yes" if cpu_a < 1.0 else "**no**"))
    ratio_row("release binary size", size_a, size_f, lambda b: f"{b / mib:.2f} MiB", 1.5)

    def us(v):
        return f"{v / 1000:.2f} ms" if v >= 1000 else f"{v:.0f} µs"

    floor_layout = frames.get("layout_floor", {}).get("median_us")
    for key, value in frames.items():
        if not key.startswith("layout_") or key == "layout_floor":
            continue
        name = key[len("layout_"):]
        if name == "first_step":
            label = "first step (empty case)"
        elif name == "outcome_long":
            label = "outcome page, long case"
        elif name.startswith("question_"):
            label = f"step asking `{name[len('question_'):]}`"
        else:
            label = name
        v = value["median_us"]
        rows.append((f"layout of one frame: {label} (p95 {us(value['p95_us'])})", us(v),
                     us(floor_layout) if floor_layout else "-",
                     f"{v / floor_layout:.0f}x" if floor_layout else "-", "< 1 ms",
                     "yes" if v < 1000 else "**no**"))
    for key, label, limit_us, limit in [
        ("summary_render", "render the long case's summary", 1000, "< 1 ms"),
        ("summary_render_write", "render it and write it to disk (synced)", 10000, "< 10 ms"),
    ]:
        if key in frames:
            v = frames[key]["median_us"]
            rows.append((f"{label} (p95 {us(frames[key]['p95_us'])})", us(v), "-", "-",
                         limit, "yes" if v < limit_us else "**no**"))

    info = machine(base)
    unfocused = sum(1 for x in a["focused"] + f["focused"] if not x)
    print(f"Measured {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} with "
          f"`{args.command}`.\n")
    print(f"- Machine: {info['cpus']} CPUs ({info['cpu']}), {info['memory']} of memory, "
          f"{info['os']}")
    print(f"- Display: DISPLAY={base.get('DISPLAY')}"
          f"{' (Xvfb)' if base.get('CSSM_BENCH_XVFB') else ''}, GL: {info['gl']}")
    print(f"- Toolchain: {info['rustc']}; release profile of Cargo.toml")
    if unfocused:
        print(f"- Note: the window did not hold the focus in {unfocused} idle runs")
    print()
    header = ("metric", "assistant", "floor", "ratio", "target", "met?")
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---", "--:", "--:", "--:", "---", "---"]) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")

    if args.json:
        with open(args.json, "w") as out:
            json.dump({"windows": raw, "frames": frames, "sizes": {
                "assistant": size_a, "floor": size_f}, "machine": info}, out, indent=1)


if __name__ == "__main__":
    main()
