"""A warm `socialaudit assess` (every label in the cache file) loads only what it uses: no
language models, no cue packs, no expression compiler, no database layer. Each run is a fresh
process, as from the shell, so that nothing another test imported hides an import."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from socialaudit.api.cli.classification_cache import CACHE_DIR_VARIABLE

PROBE = """
import json, sys
from socialaudit.api.cli import main

sys.argv = ["socialaudit", "assess", sys.argv[1], "--format", "json", "--config", sys.argv[2]]
try:
    main()
finally:
    from socialaudit.plugins.classifier import packs

    watched = ("py3langid", "numpy", "lark", "celpy", "cel", "sqlalchemy")
    print(json.dumps({
        "imported": [name for name in watched if name in sys.modules],
        "patterns_checked": len(packs._checked),
    }))
"""
"""Runs the command in-process and reports, as its last line, what it imported and how many
cue patterns it compiled (each pack read checks its patterns)."""

CUES = '[classifier]\nuse = "builtin"\n'
"""The cue classifier: a cold run takes seconds (the model a minute) and reads the packs too."""

CUSTOM_KPI = """
[[custom.kpis]]
id = "reactions_per_1000_followers"
name = { en = "Reactions per 1000 followers" }
expression = "reactions_per_post / followers * 1000"
level = "channel"
"""


def probe(org: Path, config: Path, cache: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(org), str(config)],
        capture_output=True,
        text=True,
        env={**os.environ, CACHE_DIR_VARIABLE: str(cache)},
        cwd=org,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_a_warm_run_loads_no_language_model_cue_pack_or_expression_compiler(
    org: Path, tmp_path: Path
) -> None:
    config = tmp_path / "plugins.toml"
    config.write_text(CUES, encoding="utf-8")
    cache = tmp_path / "cache"
    cold = probe(org, config, cache)
    assert "py3langid" in cold["imported"] and cold["patterns_checked"] > 100  # what it looks for
    warm = probe(org, config, cache)
    assert warm == {"imported": [], "patterns_checked": 0}


def test_a_custom_expression_still_loads_its_compiler(org: Path, tmp_path: Path) -> None:
    config = tmp_path / "plugins.toml"
    config.write_text(CUES + CUSTOM_KPI, encoding="utf-8")
    cache = tmp_path / "cache"
    probe(org, config, cache)
    warm = probe(org, config, cache)
    assert {"lark", "celpy", "cel"} <= set(warm["imported"])
    assert "py3langid" not in warm["imported"] and warm["patterns_checked"] == 0
