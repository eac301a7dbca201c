"""How the platform adapters cope with large files: time and peak memory of reading a
Facebook Graph API posts file and a Meta Business Suite export of N posts (default 1,000,000),
as ratios to a floor measured in the same run on the same file: ``orjson.loads`` for the JSON
(parsing it whole, the least any non-streaming reader does) and ``polars.read_csv`` for the CSV.

Each measurement runs in its own process, so peak memory (ru_maxrss) is that reading's alone.
Usage: ``python bench/adapters_bench.py [--posts N] [--keep DIR]``
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = "104830285112233"
WORDS = [
    "fiets",
    "band",
    "ketting",
    "winkel",
    "Gent",
    "lente",
    "beurt",
    "zadel",
    "café",
    "crème",
    "🚲",
    "☕",
    "é",
    "à",
    "ü",
]


def write_graph_json(path: Path, posts: int) -> None:
    """One `/{page-id}/posts` response holding every post: the worst case for a reader that
    does not stream, since the whole `data` list is one JSON value."""
    rng = random.Random(1)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    with path.open("w", encoding="utf-8") as out:
        out.write('{"data": [\n')
        for index in range(posts):
            created = (start + timedelta(minutes=7 * index)).strftime("%Y-%m-%dT%H:%M:%S+0000")
            post = {
                "id": f"{PAGE}_{880000000000000 + index}",
                "message": " ".join(rng.choices(WORDS, k=12)),
                "created_time": created,
                "permalink_url": f"https://www.facebook.com/{PAGE}/posts/{880000000000000 + index}",
                "status_type": "added_photos",
                "reactions": {"data": [], "summary": {"total_count": rng.randint(0, 300)}},
                "comments": {
                    "data": [
                        {
                            "id": f"{880000000000000 + index}_{index}",
                            "message": "Zijn jullie zaterdag open?",
                            "created_time": created,
                            "from": {"name": "Sofie De Smet", "id": "7012345678901234"},
                        }
                    ]
                    if index % 10 == 0
                    else [],
                    "summary": {"order": "ranked", "total_count": int(index % 10 == 0)},
                },
            }
            if index % 3:
                post["shares"] = {"count": rng.randint(1, 20)}
            out.write(("," if index else "") + json.dumps(post, ensure_ascii=False) + "\n")
        out.write('], "paging": {"cursors": {"before": "QVFI", "after": "QVFJ"}}}\n')


def write_meta_csv(path: Path, posts: int) -> None:
    rng = random.Random(2)
    header = (
        "Post ID,Page ID,Page name,Title,Description,Duration (sec),Publish time,Caption type,"
        "Permalink,Is crosspost,Is share,Post type,Languages,Custom labels,Funded content status,"
        'Data comment,Date,Impressions,Reach,"Reactions, Comments and Shares",Reactions,Comments,'
        "Shares,Total clicks\n"
    )
    start = datetime(2020, 1, 1, 8, 0)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        out.write(header)
        for index in range(posts):
            when = (start + timedelta(minutes=7 * index)).strftime("%m/%d/%Y %H:%M")
            text = " ".join(rng.choices(WORDS, k=12))
            if index % 50 == 0:
                text += "\nTweede regel"
            post_id = 880000000000000 + index
            out.write(
                f'{post_id},{PAGE},Fietsen Verbeke,,"{text}",,{when},,'
                f"https://www.facebook.com/{PAGE}/posts/{post_id},No,No,Photos,,,,,Lifetime,"
                f"{rng.randint(100, 5000)},{rng.randint(50, 4000)},7,5,1,1,{rng.randint(0, 90)}\n"
            )


def child(mode: str, path: str) -> None:
    """Runs in a subprocess: read the file one way, print seconds and peak memory."""
    sys.path.insert(0, str(ROOT))
    import orjson
    import polars as pl

    from socialaudit.engine.definitions.adapter import ReadOptions
    from socialaudit.engine.model.profile import ChannelProfile
    from socialaudit.plugins.adapters.facebook import FacebookGraphPosts, MetaBusinessSuiteCsv

    # every child imports the same modules, so the growth over this is the reading's own
    baseline_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    before = time.perf_counter()
    if mode == "floor-json":
        rows = len(orjson.loads(Path(path).read_bytes())["data"])
    elif mode == "floor-csv":
        rows = pl.read_csv(path, infer_schema=False).height
    else:
        adapter = FacebookGraphPosts() if mode == "adapter-json" else MetaBusinessSuiteCsv()
        options = ReadOptions(
            channel=ChannelProfile(platform="facebook", handle="fietsenverbeke"),
            timezone="Europe/Brussels",
        )
        rows = adapter.read(Path(path), options).posts.height  # type: ignore[union-attr]
    seconds = time.perf_counter() - before
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": seconds,
                "peak_mb": peak_mb,
                "growth_mb": peak_mb - baseline_mb,
                "rows": rows,
            }
        )
    )


def measure(mode: str, path: Path) -> dict[str, float]:
    result = subprocess.run(
        [sys.executable, __file__, "--child", mode, str(path)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(*args.child)
        return
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        graph, meta = folder / "graph_posts.json", folder / "meta_posts.csv"
        write_graph_json(graph, args.posts)
        write_meta_csv(meta, args.posts)
        print(f"{args.posts:,} posts per file")
        for label, file, floor_mode, mode in (
            ("facebook-graph-posts", graph, "floor-json", "adapter-json"),
            ("meta-business-suite-csv", meta, "floor-csv", "adapter-csv"),
        ):
            floor, adapter = measure(floor_mode, file), measure(mode, file)
            assert adapter["rows"] == floor["rows"] == args.posts
            size_mb = file.stat().st_size / 1024 / 1024
            print(
                f"{label}: file {size_mb:,.0f} MB | "
                f"time {adapter['seconds']:.1f} s = {adapter['seconds'] / floor['seconds']:.2f}x "
                f"{floor_mode} ({floor['seconds']:.1f} s) | "
                f"memory growth {adapter['growth_mb']:,.0f} MB = "
                f"{adapter['growth_mb'] / floor['growth_mb']:.2f}x {floor_mode} "
                f"({floor['growth_mb']:,.0f} MB), {adapter['growth_mb'] / size_mb:.2f}x the file "
                f"size (peak RSS {adapter['peak_mb']:,.0f} MB vs {floor['peak_mb']:,.0f} MB)"
            )


if __name__ == "__main__":
    main()
