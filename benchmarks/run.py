"""Time `tcpl check` and `tcpl summary` on a national tree against a bare PyYAML C-loader parse.

    python benchmarks/run.py [TREE] [--communes 3321] [--repeat 1]

Generates the tree with generate_tree.py when TREE does not exist yet. Prints, for each run:
seconds, files per second, peak memory (all processes of the run together, sampled from /proc)
and the ratio to the bare parse of the same files (`yaml.load(text, Loader=yaml.CSafeLoader)`,
one process, the baseline the acceptance criterion names).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TCPL = [sys.executable, "-m", "tcpl"]


def yaml_files(root: Path) -> list[Path]:
    return sorted(root.rglob("*.yaml"))


def bare_parse(files: list[Path]) -> tuple[float, float]:
    """Seconds to read and parse every file with PyYAML's C loader, and this process's peak MB."""
    import resource

    start = time.perf_counter()
    for path in files:
        yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
    seconds = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return seconds, peak_kb / 1024


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    total = 0
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(entry))
        except (OSError, IndexError, ValueError):
            continue
    stack = [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status", encoding="ascii", errors="replace") as handle:
                for line in handle:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            pass
        stack.extend(children.get(current, []))
    return total


def timed(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak MB of the whole process tree, and the exit code."""
    peak = 0
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, _tree_rss_kb(proc.pid))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    if proc.returncode not in (0, 1):
        sys.stderr.write(err.decode("utf-8", errors="replace"))
    return seconds, peak / 1024, proc.returncode


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("tree", nargs="?", default="/tmp/tcpl-national-tree", type=Path)
    parser.add_argument("--communes", type=int, default=3321)
    parser.add_argument("--repeat", type=int, default=1, help="runs of each measurement; the best is kept")
    args = parser.parse_args()
    tree: Path = args.tree
    if not tree.exists():
        print(f"Generating {args.communes} communes in {tree} ...", flush=True)
        subprocess.run(
            [sys.executable, str(HERE / "generate_tree.py"), str(tree), "--communes", str(args.communes)],
            check=True,
        )
    files = yaml_files(tree)
    size_mb = sum(p.stat().st_size for p in files) / 1_048_576
    print(f"Tree: {tree} — {len(files)} YAML files, {size_mb:.1f} MB; {os.cpu_count()} CPU cores")

    bare = min((bare_parse(files) for _ in range(args.repeat)), key=lambda r: r[0])
    years = sorted({p.parent.name for p in files if p.name == "assessment.yaml"})
    runs = [
        ("tcpl check (json)", [*TCPL, "check", str(tree), "--format", "json", "--output-file", os.devnull])
    ]
    for year in years:
        out = Path("/tmp") / f"tcpl-bench-summary-{year}.xlsx"
        runs.append(
            (
                f"tcpl summary --year {year} (xlsx)",
                [*TCPL, "summary", str(tree), "--year", year, "-o", str(out), "--force"],
            )
        )
    print()
    print(f"{'run':34} {'seconds':>8} {'files/s':>9} {'peak MB':>8} {'ratio':>6}")
    print(
        f"{'bare PyYAML CSafeLoader parse':34} {bare[0]:8.2f} {len(files) / bare[0]:9.0f} {bare[1]:8.0f} {1:6.2f}"
    )
    for name, cmd in runs:
        best = min((timed(cmd) for _ in range(args.repeat)), key=lambda r: r[0])
        seconds, peak, code = best
        print(
            f"{name:34} {seconds:8.2f} {len(files) / seconds:9.0f} {peak:8.0f} {seconds / bare[0]:6.2f}"
            + ("" if code in (0, 1) else f"  (exit {code})")
        )


if __name__ == "__main__":
    main()
