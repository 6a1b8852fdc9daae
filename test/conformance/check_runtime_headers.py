#!/usr/bin/env python3
"""Builds every runtime header alone for a Cortex-M4.

This file implements the check that runtime/ depends on nothing: each header
under runtime/include/ingot/runtime/ is included, on its own, by a one-line
translation unit built with arm-none-eabi-g++ (C++17, -Os, no exceptions, no
RTTI, -Wall -Wextra -Werror). A header that leans on another header without
including it, or on the host's library, fails here.

Prints one line per header and a final `N passed, M failed` line.
"""

import argparse
import pathlib
import subprocess
import sys

FLAGS = ["-std=c++17", "-mcpu=cortex-m4", "-mthumb", "-Os", "-fno-exceptions",
         "-fno-rtti", "-Wall", "-Wextra", "-Werror"]


def main():
    repo = pathlib.Path(__file__).resolve().parents[2]
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--include", default=str(repo / "runtime" / "include"),
                        help="the runtime's include folder")
    parser.add_argument("--arm-cxx", default="arm-none-eabi-g++")
    args = parser.parse_args()

    include = pathlib.Path(args.include)
    headers = sorted((include / "ingot" / "runtime").rglob("*.h"))
    passed = failed = 0
    for header in headers:
        relative = header.relative_to(include).as_posix()
        command = [args.arm_cxx, *FLAGS, "-I", str(include), "-x", "c++", "-c",
                   "-", "-o", "/dev/null"]
        try:
            done = subprocess.run(command, input=f'#include "{relative}"\n',
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True,
                                  timeout=300)
            status, output = done.returncode, done.stdout
        except (OSError, subprocess.TimeoutExpired) as error:
            status, output = 1, str(error)
        if status == 0:
            passed += 1
            print(f"ok    {relative}")
        else:
            failed += 1
            print(f"FAIL  {relative}\n{output.strip()}")
    print()
    print(f"{passed} passed, {failed} failed")
    return 0 if failed == 0 and passed > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
