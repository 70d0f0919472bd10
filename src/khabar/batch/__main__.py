"""``python -m khabar.batch INPUT OUTPUT [--workers N] [--chunk-size N]``: run_batch without the CLI.

Used by the crash tests (a process to SIGKILL) and handy on clusters without the entry point.
"""

from __future__ import annotations

import argparse

from khabar.batch.runner import run_batch


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m khabar.batch")
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--engine", default="local")
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--chunk-size", type=int, default=128)
    parser.add_argument("--task-size", type=int, default=16)
    args = parser.parse_args()
    report = run_batch(args.input, args.output, engine=args.engine, workers=args.workers,
                       chunk_size=args.chunk_size, task_size=args.task_size, progress=False)
    print(report)


if __name__ == "__main__":
    main()
