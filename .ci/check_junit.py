"""Reads a pytest JUnit report and fails unless tests really ran.

--no-skips              every test ran (the PostgreSQL run)
--skips-need WORD       a skipped test must say it needs WORD (the SQLite run)
"""

import argparse
import sys
import xml.etree.ElementTree as ET  # noqa: S405 - our own CI report


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("report")
    parser.add_argument("--no-skips", action="store_true")
    parser.add_argument("--skips-need", default=None)
    args = parser.parse_args()

    root = ET.parse(args.report).getroot()  # noqa: S314
    cases = root.iter("testcase")
    ran, failed, skipped = 0, [], []
    for case in cases:
        name = f"{case.get('classname')}::{case.get('name')}"
        if case.find("failure") is not None or case.find("error") is not None:
            failed.append(name)
        elif (skip := case.find("skipped")) is not None:
            skipped.append((name, skip.get("message", "")))
        else:
            ran += 1
    print(f"{args.report}: {ran} passed, {len(skipped)} skipped, {len(failed)} failed")
    problems = []
    if ran == 0:
        problems.append("no test ran")
    if failed:
        problems.append(f"failed: {failed}")
    if args.no_skips and skipped:
        problems.append(f"skipped where nothing may skip: {skipped}")
    if args.skips_need:
        unexplained = [s for s in skipped if args.skips_need.lower() not in s[1].lower()]
        if unexplained:
            problems.append(f"skipped without needing {args.skips_need}: {unexplained}")
    if problems:
        sys.exit("; ".join(problems))


if __name__ == "__main__":
    main()
