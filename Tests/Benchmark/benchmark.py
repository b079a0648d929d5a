#!/usr/bin/env python3
"""Benchmark valprop against git itself on the same repository, in one run.

Generates a deterministic repository with `git fast-import` (N propositions in one folder,
M commits, side branches merged back, renames, a long tail: a few propositions change often,
most rarely) or takes an existing repository, then times, alternating between commands:

  valprop list --format json   cold (no cache) and warm (cache present, HEAD moved by one commit)
  valprop stale, valprop log <the proposition changed longest ago>, valprop diff --base HEAD~500
  git log --raw --no-abbrev -- <folder>       git's own one pass over history
  git log -1 -- <path>                        per file, on a sample, scaled to every file

and prints medians, ratios to git's one pass, and peak memory (maximum resident set size).

  python3 Tests/Benchmark/benchmark.py                         # 2,000 files x 20,000 commits
  python3 Tests/Benchmark/benchmark.py --files 300 --commits 3000 --runs 3
  python3 Tests/Benchmark/benchmark.py --shape pull-requests --files 300 --commits 3000
  python3 Tests/Benchmark/benchmark.py --shape product --files 300 --commits 3000
  python3 Tests/Benchmark/benchmark.py --repo ~/src/product --folder docs/value
"""
import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ENV = dict(os.environ, GIT_CONFIG_NOSYSTEM="1", GIT_AUTHOR_NAME="Bench", GIT_AUTHOR_EMAIL="bench@example.com",
           GIT_COMMITTER_NAME="Bench", GIT_COMMITTER_EMAIL="bench@example.com", NO_COLOR="1")

WORDS = ("finance teams close books faster manual reconciliation costs hours errors month end audit ledger sync "
         "customers invoices cash forecast controllers payouts vendors approvals").split()


def proposition(number, words, owner):
    text = " ".join(words)
    return (f"---\ntitle: Proposition {number}\nstatus: active\nowner: \"@team-{owner}\"\n---\n\n"
            f"# Proposition {number}\n\n## Target audience\nControllers at companies with 50-500 employees.\n\n"
            f"## Problem\n{text}\n\n## Key benefits\n- Saves {len(words)} hours per week\n")


class FastImport:
    """Builds a `git fast-import` stream: commits ten minutes apart, marks as ids."""

    def __init__(self):
        self.out = []
        self.mark = 0
        self.when = 1_600_000_000

    def commit(self, branch, message, changes, parent=None, merge=None):
        """Adds a commit; `changes` are (path, text) pairs, text None deleting the path."""
        self.mark += 1
        self.when += 600
        out = self.out
        out.append(f"commit refs/heads/{branch}\nmark :{self.mark}\n")
        out.append(f"author Bench <bench@example.com> {self.when} +0000\n"
                   f"committer Bench <bench@example.com> {self.when} +0000\n")
        out.append(f"data {len(message)}\n{message}\n")
        if parent:
            out.append(f"from :{parent}\n")
        if merge:
            out.append(f"merge :{merge}\n")
        for name, content in changes:
            if content is None:
                out.append(f"D {name}\n")
            else:
                data = content.encode()
                out.append(f"M 100644 inline {name}\ndata {len(data)}\n")
                out.append(content + "\n")
        out.append("\n")
        return self.mark

    def write(self, path):
        """Imports the stream into the repository at `path` and checks out main."""
        subprocess.run(["git", "fast-import", "--quiet"], input="".join(self.out).encode(), cwd=path, check=True,
                       env=ENV)
        subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=path, check=True, env=ENV)
        subprocess.run(["git", "branch", "-q", "-D", "side"], cwd=path, env=ENV)


def generate(path, files, commits, seed=7):
    """Writes the synthetic history into a new repository at `path`."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", path], check=True, env=ENV)
    weights = [1.0 / (i + 1) ** 1.2 for i in range(files)]
    state = {}
    names = {}
    stream = FastImport()
    commit = stream.commit

    initial = []
    for i in range(files):
        state[i] = ([rng.choice(WORDS) for _ in range(30)], i % 9)
        names[i] = f"propositions/p{i:05d}.md"
        initial.append((names[i], proposition(i, *state[i])))
    tip = commit("main", "add propositions", initial)

    def change(i):
        words, owner = state[i]
        if rng.random() < 0.2:
            owner += 1
        else:
            words = list(words)
            words[rng.randrange(len(words))] = rng.choice(WORDS)
        state[i] = (words, owner)
        return [(names[i], proposition(i, words, owner))]

    made = 1
    while made < commits:
        if made % 40 == 0:
            side = tip
            touched = set()
            for _ in range(3):
                i = rng.choices(range(files), weights)[0]
                touched.add(i)
                side = commit("side", f"side edit {i}", change(i), parent=side)
                made += 1
            main_i = rng.choices(range(files), weights)[0]
            while main_i in touched:
                main_i = rng.randrange(files)
            tip = commit("main", f"edit {main_i}", change(main_i), parent=tip)
            tip = commit("main", "merge side", [(names[i], proposition(i, *state[i])) for i in sorted(touched)],
                         parent=tip, merge=side)
            made += 2
            continue
        if made % 500 == 0:
            i = rng.randrange(files)
            old = names[i]
            names[i] = f"propositions/p{i:05d}-r{made}.md"
            tip = commit("main", f"rename {i}", [(old, None), (names[i], proposition(i, *state[i]))], parent=tip)
            made += 1
            continue
        i = rng.choices(range(files), weights)[0]
        tip = commit("main", f"edit {i}", change(i), parent=tip)
        made += 1
    stream.write(path)


def start(path, files, seed):
    """A new repository at `path` and what a generator draws from: the random generator, the
    long tail's weights, each proposition's words, and the fast-import stream."""
    rng = random.Random(seed)
    subprocess.run(["git", "init", "-q", "-b", "main", path], check=True, env=ENV)
    weights = [1.0 / (i + 1) ** 1.2 for i in range(files)]
    words = {i: [rng.choice(WORDS) for _ in range(30)] for i in range(files)}
    return rng, weights, words, FastImport()


def reword(words, i, rng):
    """Replaces one word of proposition i."""
    edited = list(words[i])
    edited[rng.randrange(len(edited))] = rng.choice(WORDS)
    words[i] = edited


def generate_pull_requests(path, files, commits, seed=7):
    """Writes a documentation repository where every change lands by pull request (as in an
    RFC or docs repository): branches of one to three commits, each editing a proposition
    (a long tail), merged with --no-ff; one branch in five starts a few merges back, so main
    moved on meanwhile."""
    rng, weights, words, stream = start(path, files, seed)
    commit = stream.commit

    def text(i):
        return proposition(i, words[i], i % 9)

    tip = commit("main", "add propositions", [(f"propositions/p{i:05d}.md", text(i)) for i in range(files)])
    merges = [tip]
    made = 1
    while made < commits:
        base = merges[-1] if rng.random() < 0.8 else merges[max(0, len(merges) - 4)]
        side = base
        touched = set()
        for _ in range(rng.randint(1, 3)):
            i = rng.choices(range(files), weights)[0]
            reword(words, i, rng)
            touched.add(i)
            side = commit("side", f"edit {i}", [(f"propositions/p{i:05d}.md", text(i))], parent=side)
            made += 1
        tip = commit("main", "Merge pull request", [(f"propositions/p{i:05d}.md", text(i)) for i in sorted(touched)],
                     parent=tip, merge=side)
        merges.append(tip)
        made += 1
    stream.write(path)


def generate_product(path, files, commits, seed=7, code_files=400):
    """Writes a product-shaped history: the propositions beside the product's code, work landing
    through feature branches of three commits merged with --no-ff, and one commit in ten
    editing a proposition (a long tail), the rest editing code."""
    rng, weights, words, stream = start(path, files, seed)
    commit = stream.commit

    initial = [(f"propositions/p{i:05d}.md", proposition(i, words[i], i % 9)) for i in range(files)]
    initial += [(f"src/module{i // 40}/file{i}.swift", f"// file {i}\nlet value = {i}\n") for i in range(code_files)]
    tip = commit("main", "start", initial + [("README.md", "product\n")])
    made = 1
    while made < commits:
        side = tip
        for _ in range(3):
            if rng.random() < 0.1:
                i = rng.choices(range(files), weights)[0]
                reword(words, i, rng)
                change = [(f"propositions/p{i:05d}.md", proposition(i, words[i], i % 9))]
            else:
                f = rng.randrange(code_files)
                change = [(f"src/module{f // 40}/file{f}.swift", f"// file {f}\nlet value = {made}\n")]
            side = commit("side", f"work {made}", change, parent=side)
            made += 1
        tip = commit("main", "merge feature", [], parent=tip, merge=side)
        made += 1
    stream.write(path)


def measure(command, cwd, stdout=subprocess.DEVNULL):
    """Runs a command; returns (seconds, peak resident memory in MiB, exit status)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, stdout=stdout, stderr=subprocess.DEVNULL, env=ENV)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--files", type=int, default=2000, help="propositions to generate")
    parser.add_argument("--commits", type=int, default=20000, help="commits to generate")
    parser.add_argument("--shape", choices=["propositions", "pull-requests", "product"], default="propositions",
                        help="generate only propositions (every commit edits one, a merge every 40 "
                             "commits); a documentation repository where every change lands by pull "
                             "request; or a product: propositions beside code, merged feature "
                             "branches, one commit in ten editing a proposition")
    parser.add_argument("--repo", help="benchmark a clone of this existing repository instead")
    parser.add_argument("--folder", default="propositions", help="the propositions folder (with --repo)")
    parser.add_argument("--valprop", default=os.path.join(os.path.dirname(__file__), "../../.build/release/valprop"),
                        help="the valprop binary (build it with: swift build -c release)")
    parser.add_argument("--runs", type=int, default=5, help="measurements per command")
    parser.add_argument("--sample", type=int, default=20, help="files timed with one git log -1 each")
    parser.add_argument("--keep", action="store_true", help="keep the benchmark repository")
    args = parser.parse_args()

    valprop = os.path.abspath(args.valprop)
    if not os.access(valprop, os.X_OK):
        sys.exit(f"no valprop binary at {valprop}; build it with: swift build -c release")
    work = tempfile.mkdtemp(prefix="valprop-bench-")
    repo = os.path.join(work, "repo")
    started = time.perf_counter()
    if args.repo:
        subprocess.run(["git", "clone", "-q", "--no-local", args.repo, repo], check=True, env=ENV)
        folder = args.folder
        if folder != "propositions":
            with open(os.path.join(repo, ".valprop.yml"), "w") as config:
                config.write(f"directory: {folder}\n")
    else:
        shapes = {"propositions": generate, "pull-requests": generate_pull_requests, "product": generate_product}
        shapes[args.shape](repo, args.files, args.commits)
        folder = "propositions"
    git = lambda *a: subprocess.run(["git", *a], cwd=repo, capture_output=True, text=True, env=ENV).stdout
    commits = int(git("rev-list", "--count", "HEAD"))
    paths = [p for p in git("ls-files", "--", folder).splitlines() if p.endswith(".md")]
    print(f"repository: {len(paths)} propositions, {commits} commits "
          f"({'generated' if not args.repo else args.repo}, {time.perf_counter() - started:.1f} s to prepare)")
    print(f"machine: {os.cpu_count()} cores, {platform_memory()}; valprop: {valprop}")

    listing = json.loads(subprocess.run([valprop, "list", "--format", "json"], cwd=repo, capture_output=True,
                                        text=True, env=ENV).stdout or "[]")
    dated = [p for p in listing if p.get("lastChanged")]
    oldest = min(dated, key=lambda p: p["lastChanged"]["date"])["id"] if dated else None
    base = git("rev-parse", "HEAD").strip()
    depth = min(500, commits - 1)
    cache = os.path.join(repo, ".git", "valprop")
    rng = random.Random(1)
    sample = rng.sample(paths, min(args.sample, len(paths)))

    def cold():
        shutil.rmtree(cache, ignore_errors=True)
        return measure([valprop, "list", "--format", "json"], repo)

    def warm():
        # Cache present for HEAD, then HEAD moves by one commit that edits a proposition.
        subprocess.run(["git", "checkout", "-q", "--detach", base], cwd=repo, env=ENV, check=True)
        measure([valprop, "list", "--format", "json"], repo)
        target = os.path.join(repo, rng.choice(paths))
        with open(target, "a") as handle:
            handle.write("\nOne more line for the warm run.\n")
        subprocess.run(["git", "commit", "-q", "-am", "warm run"], cwd=repo, env=ENV, check=True)
        result = measure([valprop, "list", "--format", "json"], repo)
        subprocess.run(["git", "checkout", "-q", "--detach", base], cwd=repo, env=ENV, check=True)
        return result

    def per_file():
        total, peak = 0.0, 0.0
        for path in sample:
            seconds, memory, _ = measure(["git", "log", "-1", "--format=%H", "--", path], repo)
            total += seconds
            peak = max(peak, memory)
        return total * len(paths) / len(sample), peak, 0

    cases = [
        ("git log --raw (one pass)", lambda: measure(["git", "log", "--raw", "--no-abbrev", "--", folder], repo)),
        ("valprop list, cold", cold),
        ("valprop list, warm", warm),
        ("valprop stale", lambda: measure([valprop, "stale", "--format", "json"], repo)),
        (f"valprop log {oldest}", lambda: measure([valprop, "log", oldest, "--format", "json"], repo)),
        (f"valprop diff --base HEAD~{depth}",
         lambda: measure([valprop, "diff", "--base", f"HEAD~{depth}", "--head", "HEAD", "--format", "json"], repo)),
        (f"git log -1 per file (x{len(paths)}, scaled)", per_file),
    ]
    if oldest is None:
        cases = [case for case in cases if "valprop log" not in case[0]]
    times = {name: [] for name, _ in cases}
    memory = {name: 0.0 for name, _ in cases}
    for run in range(args.runs):
        # Alternate the order so that no command always runs on a warm or cold OS cache.
        order = cases if run % 2 == 0 else list(reversed(cases))
        for name, action in order:
            seconds, peak, _ = action()
            times[name].append(seconds)
            memory[name] = max(memory[name], peak)
        print(f"  run {run + 1}/{args.runs} done", file=sys.stderr)

    one_pass = statistics.median(times[cases[0][0]])
    print(f"\n{'command':48} {'median s':>9} {'x git pass':>10} {'peak MiB':>9}")
    for name, _ in cases:
        median = statistics.median(times[name])
        print(f"{name:48} {median:9.3f} {median / one_pass:10.3f} {memory[name]:9.1f}")
    cold_median = statistics.median(times["valprop list, cold"])
    per_file_median = statistics.median(times[cases[-1][0]])
    print(f"\nvalprop list (cold) is {per_file_median / cold_median:.0f}x faster than one git log -1 per file.")
    if args.keep:
        print(f"repository kept at {repo}")
    else:
        shutil.rmtree(work, ignore_errors=True)


def platform_memory():
    try:
        with open("/proc/meminfo") as info:
            kib = int(info.readline().split()[1])
        return f"{kib / 1024 / 1024:.0f} GiB"
    except OSError:
        return "memory unknown"


if __name__ == "__main__":
    main()
