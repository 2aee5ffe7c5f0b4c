#!/usr/bin/env python3
"""Regenerate the expected outputs of the identity agreement tests with score_identity.py.

    cd pipeline/eval/testdata/identity
    python3 gen.py SCORE_IDENTITY_PY                 # the invented cases (cases.json)
    python3 gen.py SCORE_IDENTITY_PY DUMP            # also the shared-corpus sets

DUMP is a folder written by
    go test ./pipeline/eval -run TestIdentityAgreementShared -args -dump-identity DUMP
holding <corpus>/<set>.json predictions; each is scored with --gold-dir on the
shared corpus it was made from (the corpus path is in DUMP/<corpus>/CORPUS).
Only figures are kept (no names of the shared reports). See ../README.md.
"""
import json, os, subprocess, sys

here = os.path.dirname(os.path.abspath(__file__))


def run(score, gold, pred, gold_dir, as_json):
    cmd = [sys.executable, score, gold, pred, "--gold-dir", gold_dir] + (["--json"] if as_json else [])
    return subprocess.run(cmd, cwd=here, check=True, capture_output=True, text=True).stdout


def main():
    score = os.path.abspath(sys.argv[1])
    with open(os.path.join(here, "cases.json")) as f:
        cases = json.load(f)
    for c in cases:
        for as_json, ext in ((True, ".json"), (False, ".txt")):
            out = run(score, "identity.json", os.path.join("preds", c + ".json"), "corpus", as_json)
            with open(os.path.join(here, "expected", c + ext), "w", encoding="utf-8") as f:
                f.write(out)
    if len(sys.argv) > 2:
        dump = os.path.abspath(sys.argv[2])
        for corpus in sorted(os.listdir(dump)):
            with open(os.path.join(dump, corpus, "CORPUS")) as f:
                cdir = f.read().strip()
            os.makedirs(os.path.join(here, "shared", corpus), exist_ok=True)
            for name in sorted(os.listdir(os.path.join(dump, corpus))):
                if not name.endswith(".json"):
                    continue
                out = run(score, os.path.join(cdir, "identity.json"), os.path.join(dump, corpus, name), cdir, True)
                with open(os.path.join(here, "shared", corpus, name), "w", encoding="utf-8") as f:
                    f.write(out)


if __name__ == "__main__":
    main()
