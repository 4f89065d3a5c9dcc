"""`make bench`, editors' part: how long the page editor takes to open a review with a long transcript.

    .venv/bin/python benchmarks/bench_editor.py [--lines 2000] [--runs 20] [--no-record]

Issue 28's target: the editor of a review with a 2,000-line transcript opens in under 2 s of server
time. On a throwaway SQLite database (DEBUG off), the edit view is requested in-process as a superuser
for a review whose transcript is text (`TranscriptPartBlock`, the form editors get) and, for
comparison, for the same lines as one block per paragraph (the form before issue 30). The DOM of the
first is bounded by `tests/browser/test_transcript.py`. The table is printed and written to
benchmarks/RESULTS.md unless --no-record.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench import percentile, record, versions  # noqa: E402


def measure(lines, runs):
    """Child process: two reviews with `lines` transcript lines; the edit view's p50/p95 and bytes for each."""
    import statistics

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client
    from wagtail.models import Site

    from reviews.blocks import seconds_to_timestamp
    from reviews.importers.transcripts import parse_transcript, transcript_value
    from reviews.models import TalkReviewIndexPage, TalkReviewPage

    call_command("migrate", verbosity=0)
    home = Site.objects.get(is_default_site=True).root_page
    index = home.add_child(instance=TalkReviewIndexPage(title="Videos", slug="videos"))
    source = "\n".join(
        f"{seconds_to_timestamp(n * 3)} Words of line {n}, about as long as a caption line{'.' if n % 8 == 7 else ''}"
        for n in range(lines)
    )
    segments = parse_transcript(source)
    old_form = [
        {
            "type": "segment",
            "value": {
                "start": s.timestamp,
                "text": "\n".join([s.lines[0][1], *(f"{seconds_to_timestamp(t)} {w}" for t, w in s.lines[1:])]),
            },
        }
        for s in segments
    ]
    forms = {"as text (parts)": transcript_value(segments), "one block per paragraph (before)": old_form}
    user = get_user_model().objects.create_superuser("bench", "bench@example.com", "x")
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    rows = {}
    for n, (name, transcript) in enumerate(forms.items()):
        review = TalkReviewPage(title=f"Review {n}", slug=f"review-{n}", talk_title="T", transcript=transcript)
        index.add_child(instance=review)
        review.save_revision()
        url = f"/admin/pages/{review.pk}/edit/"
        response = client.get(url)
        assert response.status_code == 200, response.status_code
        timings = []
        for _ in range(runs):
            t0 = time.perf_counter()
            client.get(url)
            timings.append((time.perf_counter() - t0) * 1000)
        rows[name] = {
            "blocks": len(transcript),
            "paragraphs": len(segments),
            "p50": statistics.median(timings),
            "p95": percentile(timings, 95),
            "kb": len(response.content) / 1024,
        }
    print(json.dumps(rows))


def report(lines, runs, rows):
    out = [
        f"## Page editor, run of {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}",
        "",
        f"Machine: {versions()}.",
        f"A review with a {lines:,}-line transcript on SQLite, DEBUG off: the edit view requested {runs} times",
        "in-process as a superuser (server time only; the browser's work is bounded by a DOM test).",
        "",
        "| transcript stored | blocks | paragraphs | edit view p50 (ms) | p95 (ms) | HTML (KB) |",
        "|---|---|---|---|---|---|",
    ]
    for name, row in rows.items():
        timing = f"{row['p50']:.0f} | {row['p95']:.0f}"
        out.append(f"| {name} | {row['blocks']} | {row['paragraphs']} | {timing} | {row['kb']:.0f} |")
    return "\n".join([*out, ""])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--no-record", action="store_true", help="print only; leave RESULTS.md alone")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        return measure(args.lines, args.runs)
    with tempfile.TemporaryDirectory(prefix="hub-bench-editor-") as tmp:
        env = {
            **os.environ,
            "DATABASE_URL": f"sqlite:///{tmp}/editor.sqlite3",
            "MEDIA_ROOT": f"{tmp}/media",
            "DJANGO_SETTINGS_MODULE": "hubsite.settings.dev",
            "DEBUG": "false",
        }
        env.pop("REDIS_URL", None)
        command = [sys.executable, __file__, "--child", "--lines", str(args.lines), "--runs", str(args.runs)]
        child = subprocess.run(command, env=env, cwd=ROOT, check=True, stdout=subprocess.PIPE, text=True)
    text = report(args.lines, args.runs, json.loads(child.stdout.strip().splitlines()[-1]))
    print(text) if args.no_record else record(text)


if __name__ == "__main__":
    main()
