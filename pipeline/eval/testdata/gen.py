#!/usr/bin/env python3
"""Regenerate the expected outputs of the eval agreement tests with score.py.

    cd pipeline/eval/testdata
    python3 gen.py SCORE_PY                      # mini corpus cases (cases.json)
    python3 gen.py SCORE_PY SHARED_CORPUS DUMP   # also the shared-corpus sets

DUMP is a folder written by
    go test ./pipeline/eval -run TestAgreementShared -args -dump-shared DUMP
holding one sub-folder of <id>.json predictions per prediction set. See README.md.
"""
import hashlib, json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))


def run(score, corpus, pred, args, as_json):
    cmd = [sys.executable, score, corpus, pred] + args + (["--json"] if as_json else [])
    return subprocess.run(cmd, cwd=here, check=True, capture_output=True, text=True).stdout


def hashed(lst):
    return "sha256:" + hashlib.sha256("\n".join(lst).encode("utf-8")).hexdigest()


def main():
    score = os.path.abspath(sys.argv[1])
    os.makedirs(os.path.join(here, "expected"), exist_ok=True)
    with open(os.path.join(here, "cases.json")) as f:
        cases = json.load(f)
    for c in cases:
        for as_json, ext in ((True, ".json"), (False, ".txt")):
            out = run(score, c["corpus"], c["pred"], c["args"], as_json)
            with open(os.path.join(here, "expected", c["name"] + ext), "w", encoding="utf-8") as f:
                f.write(out)
    if len(sys.argv) > 3:
        shared, dump = os.path.abspath(sys.argv[2]), os.path.abspath(sys.argv[3])
        os.makedirs(os.path.join(here, "shared"), exist_ok=True)
        for name in sorted(os.listdir(dump)):
            out = json.loads(run(score, shared, os.path.join(dump, name),
                                 ["--per-doc", "--errors", "100000"], True))
            # The error lists quote the shared reports; keep only their hashes so
            # that no text of those reports is committed.
            out["errors"] = {t: {k: hashed(v) for k, v in e.items()} for t, e in out["errors"].items()}
            out.pop("warnings", None)
            with open(os.path.join(here, "shared", name + ".json"), "w", encoding="utf-8") as f:
                json.dump(out, f, indent=1, ensure_ascii=False)
                f.write("\n")


if __name__ == "__main__":
    main()
