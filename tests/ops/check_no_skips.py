#!/usr/bin/env python3
"""No ctest test can be reported skipped because of what it prints: a GoogleTest binary prints
"[  SKIPPED ]" for the tests of a suite whose SetUpTestSuite failed, and the skip pattern CMake
gives discovered tests made ctest call such a failing run a skip. ozjt_discover_tests (the
top-level CMakeLists.txt) drops that pattern; this checks that no test has a skip pattern and
that the GoogleTest tests were found at all. Usage: check_no_skips.py BUILD_DIR"""
import json
import subprocess
import sys

out = subprocess.run(["ctest", "--show-only=json-v1"], cwd=sys.argv[1], check=True,
                     capture_output=True, text=True).stdout
tests = json.loads(out)["tests"]
bad = [f'{t["name"]}: {p["value"]}' for t in tests for p in t.get("properties", [])
       if p["name"] in ("SKIP_REGULAR_EXPRESSION", "SKIP_RETURN_CODE")]
gtests = [t for t in tests if any(a.startswith("--gtest_filter=") for a in t.get("command", []))]
if bad:
    print("tests that ctest could report skipped:\n  " + "\n  ".join(bad))
    sys.exit(1)
if len(gtests) < 100:
    print(f"only {len(gtests)} GoogleTest tests found; expected every one")
    sys.exit(1)
print(f"{len(tests)} tests ({len(gtests)} GoogleTest), none can be reported skipped")
