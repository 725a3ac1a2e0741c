#!/usr/bin/env python3
# bench/run.py
#
# Copyright 2026 The Aplomb developers
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs every benchmark against its floor, in the same run, several times,
# and prints one table; writes the same as JSON. Called by
# `build-aux/dev bench`, which builds the release build, starts Xvfb and a
# D-Bus session first. Never fails because a target is missed: exit 0.
#
#   bench/run.py --build BUILD_DIR [--size N] [--runs N]

import argparse
import datetime
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

MIB = 1024 * 1024


def say(*words):
    print("bench:", *words, file=sys.stderr, flush=True)


def median(values):
    return statistics.median(values) if values else None


def percentile(values, p):
    """Nearest-rank percentile: the smallest sample with at least p% of
    the samples at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


class Bench:
    def __init__(self, args):
        self.args = args
        self.build = os.path.abspath(args.build)
        self.bin = os.path.join(self.build, "bench")
        self.out = os.path.join(self.bin, "results")
        self.data = os.path.join(self.bin, "data-%d" % args.size)
        self.rows = []
        self.notes = []
        os.makedirs(self.out, exist_ok=True)
        self.env = dict(os.environ)
        self.env.update({
            "GSETTINGS_SCHEMA_DIR": os.path.join(self.build, "data"),
            "GSETTINGS_BACKEND": "memory",
            "GDK_BACKEND": "x11",
            "NO_AT_BRIDGE": "1",
            "LC_ALL": "C.UTF-8",
            # Never a developer's real workspace or settings.
            "XDG_DATA_HOME": os.path.join(self.out, "xdg-data"),
            "XDG_CONFIG_HOME": os.path.join(self.out, "xdg-config"),
        })
        self.env.pop("APLOMB_WORKSPACE", None)

    # Helpers

    def tool(self, name):
        return os.path.join(self.bin, name)

    def run(self, argv, timeout=3600, check=True):
        result = subprocess.run(argv, env=self.env, capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise RuntimeError("%s exited %d: %s" % (os.path.basename(argv[0]), result.returncode,
                                                     (result.stderr or result.stdout).strip()[-800:]))
        return result

    def launch(self, argv, x11=False, settle=0, timeout_ms=600000):
        cmd = [self.tool("bench-launch")]
        if x11:
            cmd += ["--x11", "--settle", str(settle)]
        cmd += ["--timeout", str(timeout_ms), "--"] + argv
        result = self.run(cmd, timeout=timeout_ms / 1000 + 60)
        return json.loads(result.stdout.strip().splitlines()[-1])

    def json_of(self, argv, timeout=3600):
        result = self.run(argv, timeout=timeout)
        return json.loads(result.stdout.strip().splitlines()[-1])

    def fresh_copy(self, name):
        path = os.path.join(self.out, name)
        for suffix in ("", "-wal", "-shm", ".lock"):
            if os.path.exists(path + suffix):
                os.unlink(path + suffix)
        shutil.copyfile(self.workspace, path)
        os.chmod(path, 0o600)
        return path

    def remove_db(self, path):
        for suffix in ("", "-wal", "-shm", "-journal", ".lock"):
            if os.path.exists(path + suffix):
                os.unlink(path + suffix)

    def row(self, figure, aplomb=None, floor=None, unit="ms", target=None, met=None, missing=None,
            ratio=None, detail=None, samples=None):
        if missing is not None:
            verdict = "missing feature: " + missing
        elif met is None:
            verdict = "no target"
        else:
            verdict = "met" if met else "not met"
        if ratio is None and aplomb is not None and floor not in (None, 0):
            ratio = aplomb / floor
        self.rows.append({
            "figure": figure,
            "aplomb_median": aplomb,
            "floor_median": floor,
            "unit": unit,
            "ratio": ratio,
            "target": target,
            "verdict": verdict,
            "detail": detail,
            "samples": samples,
        })
        say("%s: %s" % (figure, verdict if missing else "%s %s (floor %s)" % (fmt(aplomb), unit, fmt(floor))))

    def guard(self, figure, func):
        """A figure that breaks is reported as such; the others still run."""
        try:
            func()
        except Exception as error:  # noqa: BLE001: any failure becomes a row
            say("%s failed: %s" % (figure, error))
            self.rows.append({"figure": figure, "aplomb_median": None, "floor_median": None, "unit": "",
                              "ratio": None, "target": None, "verdict": "error: %s" % str(error)[:300],
                              "detail": None, "samples": None})

    # Data

    def generate(self):
        stamp = os.path.join(self.data, ".complete")
        generator = self.tool("bench-generate")
        key = "%d %d %d" % (self.args.size, self.args.seed, int(os.path.getmtime(generator)))
        self.workspace = os.path.join(self.data, "workspace.sqlite3")
        self.csv = os.path.join(self.data, "contacts.csv")
        self.vcf = os.path.join(self.data, "contacts.vcf")
        self.xml = os.path.join(self.data, "plan.xml")
        if os.path.exists(stamp) and open(stamp).read() == key:
            say("reusing the data in", self.data)
            self.generated = json.load(open(os.path.join(self.data, "generated.json")))
            return
        say("generating %d contacts, plans, stakeholders and messages in %s" % (self.args.size, self.data))
        shutil.rmtree(self.data, ignore_errors=True)
        started = time.monotonic()
        result = self.run([generator, "--size", str(self.args.size), "--seed", str(self.args.seed),
                           "--output", self.data], timeout=7200)
        generated = {}
        for line in result.stdout.splitlines():
            key_, _, value = line.partition("\t")
            generated[key_] = value
        generated["seconds"] = round(time.monotonic() - started, 1)
        self.generated = generated
        json.dump(generated, open(os.path.join(self.data, "generated.json"), "w"), indent=2)
        open(stamp, "w").write(key)
        say("generated in %.0f s" % generated["seconds"])

    def contacts_in_workspace(self):
        value = self.generated.get("workspace-contacts", "")
        return int(value) if value.isdigit() else 0

    def contacts_missing(self):
        value = self.generated.get("workspace-contacts", "")
        return None if value.isdigit() else value.replace("missing feature: ", "")

    # Figures

    def cold_start(self):
        workspace = self.fresh_copy("start.sqlite3")
        aplomb = os.path.join(self.build, "app", "aplomb")
        bare = self.tool("bench-bare-window")
        a_map, f_map, a_rss, f_rss = [], [], [], []
        # One run of each first, not counted: loads the libraries into the
        # page cache, so that every counted run starts equally warm.
        self.launch([aplomb, "--workspace", workspace], x11=True, settle=200)
        self.launch([bare], x11=True, settle=200)
        for _ in range(self.args.runs):
            a = self.launch([aplomb, "--workspace", workspace], x11=True, settle=self.args.settle)
            f = self.launch([bare], x11=True, settle=self.args.settle)
            if a["mapped_ms"] < 0 or f["mapped_ms"] < 0:
                raise RuntimeError("a window was never mapped (aplomb %s, bare %s)" % (a, f))
            a_map.append(a["mapped_ms"])
            f_map.append(f["mapped_ms"])
            a_rss.append(a["maxrss_kib"] / 1024)
            f_rss.append(f["maxrss_kib"] / 1024)
        n = self.contacts_in_workspace()
        on = "%d-contact workspace" % n if n else "workspace without contacts (%s)" % (self.contacts_missing() or "none")
        ratio = median(a_map) / median(f_map)
        self.row("Cold start to window mapped", median(a_map), median(f_map), "ms",
                 "ratio ≤ 1.15", ratio <= 1.15, samples={"aplomb": a_map, "floor": f_map},
                 detail="Xvfb, no window manager, MapNotify of the first top-level window seen by bench-launch; "
                        "%s; floor: bench-bare-window (AdwApplicationWindow, header bar, label)" % on)
        self.row("GUI peak RSS at start", median(a_rss), median(f_rss), "MiB", "< 200 MiB", median(a_rss) < 200,
                 samples={"aplomb": a_rss, "floor": f_rss},
                 detail="ru_maxrss, ended %.1f s after its window was mapped; %s; floor: the bare window"
                        % (self.args.settle / 1000, on))
        missing = self.contacts_view_missing()
        if missing is not None:
            self.row("GUI peak RSS, contacts view open", missing=missing)
            return
        # `aplomb --page contacts`: the window opens on the contacts view,
        # which fills its list when it is shown.
        argv = [aplomb, "--workspace", workspace, "--page", "contacts"]
        self.launch(argv, x11=True, settle=200)
        c_map, c_rss = [], []
        for _ in range(self.args.runs):
            c = self.launch(argv, x11=True, settle=self.args.settle)
            if c["mapped_ms"] < 0:
                raise RuntimeError("the window was never mapped (aplomb --page contacts %s)" % c)
            c_map.append(c["mapped_ms"])
            c_rss.append(c["maxrss_kib"] / 1024)
        self.row("GUI peak RSS, contacts view open", median(c_rss), median(f_rss), "MiB", "< 200 MiB",
                 median(c_rss) < 200, samples={"aplomb": c_rss, "floor": f_rss, "mapped_ms": c_map},
                 detail="aplomb --page contacts, ru_maxrss, ended %.1f s after its window was mapped "
                        "(mapped after %.0f ms, median); %s; floor: the bare window"
                        % (self.args.settle / 1000, median(c_map), on))

    def contacts_view_missing(self):
        # The contacts view can be measured once the window has a contacts
        # page and a way to open on it without input (`aplomb --page`).
        ui = open(os.path.join(self.args.source, "ui", "apl-window.ui"), encoding="utf-8").read()
        if "contacts" not in ui:
            return "the window has no contacts page yet"
        result = self.run([os.path.join(self.build, "app", "aplomb"), "--help"], check=False)
        if "--page" not in result.stdout + result.stderr:
            return ("the window has a contacts page, but no way to open on it without input "
                    "(a --page option or a setting) for the benchmark to use")
        return None

    def has_cli(self, words):
        result = self.run([os.path.join(self.build, "app", "cli", "aplomb-tool"), "--help"], check=False)
        return words in (result.stdout + result.stderr)

    def csv_import(self):
        tool = os.path.join(self.build, "app", "cli", "aplomb-tool")
        figure = "CSV import, %d contacts" % self.args.size
        if not self.has_cli("contacts import"):
            self.row(figure, missing="aplomb-tool has no `contacts import` command yet")
            self.row("CSV import peak RSS", missing="aplomb-tool has no `contacts import` command yet")
            return
        target_ws = os.path.join(self.out, "import.sqlite3")
        target_db = os.path.join(self.out, "floor.sqlite3")
        a_wall, f_wall, a_rss, f_rss = [], [], [], []
        created = None
        for _ in range(self.args.runs):
            self.remove_db(target_ws)
            # Creating the workspace is not part of the import.
            self.run([tool, "--workspace", target_ws, "stats"])
            a = self.launch([tool, "--workspace", target_ws, "contacts", "import", self.csv])
            if a["exit"] != 0:
                raise RuntimeError("aplomb-tool contacts import exited %d" % a["exit"])
            self.remove_db(target_db)
            f = self.launch(["sqlite3", target_db, "PRAGMA journal_mode=WAL;", "PRAGMA synchronous=FULL;",
                             ".mode csv", ".import '%s' contacts" % self.csv])
            if f["exit"] != 0:
                raise RuntimeError("sqlite3 .import exited %d" % f["exit"])
            a_wall.append(a["wall_ms"])
            f_wall.append(f["wall_ms"])
            a_rss.append(a["maxrss_kib"] / 1024)
            f_rss.append(f["maxrss_kib"] / 1024)
        stats = self.run([tool, "--workspace", target_ws, "stats"]).stdout
        for line in stats.splitlines():
            if line.startswith("contacts\t"):
                created = int(line.split("\t")[1])
        floor_rows = self.run(["sqlite3", target_db, "SELECT count(*) FROM contacts;"]).stdout.strip()
        ratio = median(a_wall) / median(f_wall)
        self.row(figure, median(a_wall), median(f_wall), "ms", "ratio ≤ 2.0", ratio <= 2.0,
                 detail="aplomb-tool contacts import into a new workspace, wall time; floor: sqlite3 "
                        ".import into a plain table, WAL, synchronous=FULL; contacts after import: %s, "
                        "floor rows: %s" % (created, floor_rows),
                 samples={"aplomb": a_wall, "floor": f_wall})
        self.row("CSV import peak RSS", median(a_rss), median(f_rss), "MiB", "< 64 MiB",
                 median(a_rss) < 64, samples={"aplomb": a_rss, "floor": f_rss})

    def plan_file(self):
        """What the generated plan file holds, for the report."""
        import re
        text = open(self.xml, encoding="utf-8").read()
        fmt_ = re.search(r'format="(\d+)"', text)
        return {
            "format": fmt_.group(1) if fmt_ else "?",
            "stakeholders": text.count("<stakeholder>") + text.count("<stakeholder "),
            "messages": text.count("<message>") + text.count("<message "),
            "versions": text.count("<version>") + text.count("<version "),
            "contacts": text.count("<contact>") + text.count("<contact "),
            "kib": os.path.getsize(self.xml) // 1024,
        }

    def describe_plan(self, plan):
        return "%d KiB, format %s: %d stakeholders, %d messages, %d versions" % (
            plan["kib"], plan["format"], plan["stakeholders"], plan["messages"], plan["versions"])

    def xml_import_contacts(self):
        """plan-contacts.xml: one plan, one message addressed to a
        hand-picked segment of every contact, so the file carries them all
        (format 3). Floor: xmllint streaming and validating the same file,
        plus sqlite3 importing the same contacts as CSV rows."""
        figure = "XML import, %d-contact plan" % self.args.size
        rss_figure = "XML import peak RSS, %d-contact plan" % self.args.size
        path = os.path.join(self.data, "plan-contacts.xml")
        if not os.path.exists(path):
            why = self.generated.get("plan-contacts", "the generator wrote no plan-contacts.xml")
            self.row(figure, missing=why.replace("missing feature: ", ""))
            self.row(rss_figure, missing=why.replace("missing feature: ", ""))
            return
        text = open(path, encoding="utf-8").read()
        n_contacts = text.count("<contact id=")
        kib = os.path.getsize(path) // 1024
        del text
        tool = os.path.join(self.build, "app", "cli", "aplomb-tool")
        schema = os.path.join(self.args.source, "data", "aplomb-plan.rng")
        target_ws = os.path.join(self.out, "xml-contacts-import.sqlite3")
        target_db = os.path.join(self.out, "xml-contacts-floor.sqlite3")
        a_wall, f_wall, a_rss, f_rss, x_wall, s_wall = [], [], [], [], [], []
        for _ in range(self.args.runs):
            self.remove_db(target_ws)
            # Creating the empty workspace is not part of the import.
            self.run([tool, "--workspace", target_ws, "stats"])
            a = self.launch([tool, "--workspace", target_ws, "import", path])
            if a["exit"] != 0:
                raise RuntimeError("aplomb-tool import plan-contacts.xml exited %d" % a["exit"])
            x = self.launch(["xmllint", "--stream", "--relaxng", schema, "--noout", path])
            self.remove_db(target_db)
            q = self.launch(["sqlite3", target_db, "PRAGMA journal_mode=WAL;", "PRAGMA synchronous=FULL;",
                             ".mode csv", ".import '%s' contacts" % self.csv])
            if x["exit"] != 0 or q["exit"] != 0:
                raise RuntimeError("xmllint exited %d, sqlite3 .import exited %d" % (x["exit"], q["exit"]))
            a_wall.append(a["wall_ms"])
            x_wall.append(x["wall_ms"])
            s_wall.append(q["wall_ms"])
            f_wall.append(x["wall_ms"] + q["wall_ms"])
            a_rss.append(a["maxrss_kib"] / 1024)
            f_rss.append(max(x["maxrss_kib"], q["maxrss_kib"]) / 1024)
        imported = None
        for line in self.run([tool, "--workspace", target_ws, "stats"]).stdout.splitlines():
            if line.startswith("contacts\t"):
                imported = int(line.split("\t")[1])
        ratio = median(a_wall) / median(f_wall)
        self.row(figure, median(a_wall), median(f_wall), "ms", "ratio ≤ 2.0", ratio <= 2.0,
                 samples={"aplomb": a_wall, "floor": f_wall, "floor_xmllint": x_wall, "floor_sqlite3": s_wall},
                 detail="plan-contacts.xml, %d KiB, format 3: one plan, one message addressed to a hand-picked "
                        "segment of %d contacts; aplomb-tool import into a new empty workspace (contacts after "
                        "import: %s); floor: xmllint --stream --relaxng of the same file (median %.0f ms) + "
                        "sqlite3 .import of the same contacts as CSV rows, WAL, synchronous=FULL (median %.0f ms)"
                        % (kib, n_contacts, imported, median(x_wall), median(s_wall)))
        self.row(rss_figure, median(a_rss), median(f_rss), "MiB", "< 64 MiB", median(a_rss) < 64,
                 samples={"aplomb": a_rss, "floor": f_rss},
                 detail="ru_maxrss of aplomb-tool import; floor: the larger of xmllint's and sqlite3's")

    def xml_import(self):
        plan = self.plan_file()

        # What can be measured today: the largest plan there is, through the
        # same streaming, validating reader, against xmllint streaming and
        # validating it against the same schema (which writes nothing).
        tool = os.path.join(self.build, "app", "cli", "aplomb-tool")
        schema = os.path.join(self.args.source, "data", "aplomb-plan.rng")
        target_ws = os.path.join(self.out, "xml-import.sqlite3")
        a_wall, f_wall, a_rss, f_rss = [], [], [], []
        for _ in range(self.args.runs):
            self.remove_db(target_ws)
            self.run([tool, "--workspace", target_ws, "stats"])
            a = self.launch([tool, "--workspace", target_ws, "import", self.xml])
            f = self.launch(["xmllint", "--stream", "--relaxng", schema, "--noout", self.xml])
            if a["exit"] != 0 or f["exit"] != 0:
                raise RuntimeError("import exited %d, xmllint exited %d" % (a["exit"], f["exit"]))
            a_wall.append(a["wall_ms"])
            f_wall.append(f["wall_ms"])
            a_rss.append(a["maxrss_kib"] / 1024)
            f_rss.append(f["maxrss_kib"] / 1024)
        ratio = median(a_wall) / median(f_wall)
        self.row("XML import, largest plan", median(a_wall), median(f_wall), "ms", "ratio ≤ 2.0", ratio <= 2.0,
                 samples={"aplomb": a_wall, "floor": f_wall},
                 detail="%s; aplomb-tool import into a new workspace; floor: xmllint --stream --relaxng "
                        "(reads and validates, writes nothing)" % self.describe_plan(plan))
        self.row("XML import peak RSS, largest plan", median(a_rss), median(f_rss), "MiB",
                 "< 64 MiB", median(a_rss) < 64, samples={"aplomb": a_rss, "floor": f_rss})

    def xml_export(self):
        workspace = self.fresh_copy("export.sqlite3")
        result = self.json_of([self.tool("bench-core"), "export", "--workspace", workspace,
                               "--rounds", str(max(self.args.runs, 5))])
        size = result["bytes"]
        a = [size / MIB / (ms / 1000) for ms in result["aplomb"]]
        f = [size / MIB / (ms / 1000) for ms in result["floor"]]
        self.row("XML export, largest plan", median(a), median(f), "MiB/s", "≥ 50 MiB/s", median(a) >= 50,
                 ratio=median(f) / median(a),
                 detail="%s; apl_plan_export_to_bytes, in memory; floor: libxml2 xmlDocDumpMemory of the same "
                        "document already parsed; ratio = floor speed / Aplomb speed" % self.describe_plan(self.plan_file()),
                 samples={"aplomb_ms": result["aplomb"], "floor_ms": result["floor"]})

    def search(self):
        workspace = self.fresh_copy("search.sqlite3")
        result = self.json_of([self.tool("bench-core"), "search", "--workspace", workspace,
                               "--rounds", str(self.args.runs)])
        if "missing" in result:
            self.row("Search per keystroke, median", missing=result["missing"])
            self.row("Search per keystroke, p95", missing=result["missing"])
            return
        a, f = result["aplomb"], result["floor"]
        detail = ("%d contacts; %d keystrokes typing 5 queries; through %s; floor: SELECT rowid FROM "
                  "contacts_fts WHERE contacts_fts MATCH the same words as prefixes" % (result["contacts"], len(a),
                                                                                       result["through"]))
        self.row("Search per keystroke, median", median(a), median(f),
                 "ms", None, None, detail=detail, samples={"aplomb": a, "floor": f})
        self.row("Search per keystroke, p95",
                 percentile(a, 95), percentile(f, 95), "ms", "p95 < 16 ms", percentile(a, 95) < 16, detail=detail)

    def edit(self):
        workspace = self.fresh_copy("edit.sqlite3")
        result = self.json_of([self.tool("bench-core"), "edit", "--workspace", workspace,
                               "--rounds", str(self.args.runs), "--count", "20"])
        a, f = result["aplomb"], result["floor"]
        ratio = median(a) / median(f)
        self.row("Edit durability (edit to on disk)", median(a), median(f), "ms", "ratio ≤ 5", ratio <= 5,
                 samples={"aplomb": a, "floor": f},
                 detail="apl_plan_set_field of the scenario summary until it returns (committed, WAL, "
                        "synchronous=FULL); floor: BEGIN IMMEDIATE; UPDATE; COMMIT on the same file, same pragmas")

    def render(self):
        result = self.json_of([self.tool("bench-core"), "render", "--length", "10000",
                               "--rounds", str(self.args.runs)])
        a, f = result["aplomb"], result["floor"]
        self.row("Message render + count per keystroke", median(a), median(f), "ms",
                 "median < 1.6 ms", median(a) < 1.6, samples={"aplomb": a, "floor": f},
                 detail="%d-character body: apl_placeholder_render, apl_placeholder_parse of body and preview, "
                        "apl_channel_count (X); target a tenth of a 60 Hz frame; floor: copy the text and count "
                        "its characters" % result["chars"])

    def stakeholder_map(self):
        workspace = self.fresh_copy("map.sqlite3")
        result = self.json_of([self.tool("bench-gui"), "map", "--workspace", workspace,
                               "--rounds", str(self.args.runs), "--count", "4"])
        a, f = result["aplomb"], result["floor"]
        self.row("Stakeholder map layout + snapshot", median(a), median(f), "ms",
                 "median < 16 ms", median(a) < 16, samples={"aplomb": a, "floor": f},
                 detail="%d cards, apl_stakeholder_map_render at 1200×800 (placing the cards, then drawing); "
                        "target one 60 Hz frame; floor: the same cards drawn in a grid, two Pango layouts "
                        "each, no placing" % result["cards"])

    # Report

    def report(self):
        header = ["Figure", "Aplomb", "Floor", "Ratio", "Target", "Verdict"]
        lines = []
        for r in self.rows:
            unit = " " + r["unit"] if r["unit"] else ""
            lines.append([
                r["figure"],
                fmt(r["aplomb_median"]) + (unit if r["aplomb_median"] is not None else ""),
                fmt(r["floor_median"]) + (unit if r["floor_median"] is not None else ""),
                "%.2f" % r["ratio"] if r["ratio"] is not None else "—",
                r["target"] or "—",
                r["verdict"],
            ])
        widths = [max(len(h), *(len(l[i]) for l in lines)) if lines else len(h) for i, h in enumerate(header)]

        def cells(values):
            return " | ".join(v.ljust(widths[i]) if i in (0, 4, 5) else v.rjust(widths[i])
                              for i, v in enumerate(values)).rstrip()

        print()
        print("Aplomb benchmarks, %d contacts, %d runs, %s, %s, %d CPUs" % (
            self.args.size, self.args.runs, datetime.date.today().isoformat(), platform.node() or "?",
            os.cpu_count() or 0))
        print(cells(header))
        print("-+-".join("-" * w for w in widths))
        for line in lines:
            print(cells(line))
        print()
        for r in self.rows:
            if r["detail"]:
                print("- %s: %s" % (r["figure"], r["detail"]))
        print()

        results = {
            "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            "machine": {"node": platform.node(), "cpus": os.cpu_count(), "kernel": platform.release(),
                        "load_average": os.getloadavg()},
            "size": self.args.size,
            "runs": self.args.runs,
            "seed": self.args.seed,
            "generated": self.generated,
            "rows": self.rows,
        }
        path = os.path.join(self.bin, "results.json")
        with open(path, "w", encoding="utf-8") as out:
            json.dump(results, out, indent=2, ensure_ascii=False)
        print("bench: results written to %s" % path)


def fmt(value):
    if value is None:
        return "—"
    if value >= 100:
        return "%.0f" % value
    if value >= 10:
        return "%.1f" % value
    if value >= 0.1:
        return "%.2f" % value
    return "%.4f" % value


def main():
    parser = argparse.ArgumentParser(description="Aplomb's benchmarks against their floors")
    parser.add_argument("--build", required=True, help="the release build directory")
    parser.add_argument("--source", default=os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    parser.add_argument("--size", type=int, default=100000, help="contacts (default 100000)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each benchmark (default 5)")
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument("--settle", type=int, default=1000,
                        help="ms the GUI keeps running after its window is mapped, for its memory")
    parser.add_argument("--only", action="append", default=[],
                        help="run only this figure (start, csv, xml-contacts, xml, export, search, edit, render, map)")
    args = parser.parse_args()

    bench = Bench(args)
    try:
        bench.generate()
    except Exception as error:  # noqa: BLE001: no data, no figures; still exit 0
        say("the data could not be generated: %s" % error)
        bench.generated = {"error": str(error)}
        bench.report()
        return 0

    figures = [
        ("start", "Cold start", bench.cold_start),
        ("csv", "CSV import", bench.csv_import),
        ("xml-contacts", "XML import, %d-contact plan" % args.size, bench.xml_import_contacts),
        ("xml", "XML import", bench.xml_import),
        ("export", "XML export", bench.xml_export),
        ("search", "Contacts search", bench.search),
        ("edit", "Edit durability", bench.edit),
        ("render", "Message render", bench.render),
        ("map", "Stakeholder map", bench.stakeholder_map),
    ]
    for key, name, func in figures:
        if args.only and key not in args.only:
            continue
        bench.guard(name, func)
    bench.report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
