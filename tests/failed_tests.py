#!/usr/bin/env python3
"""Prints each failed test of the given TRX files, with the first lines of its message, so that the tail of a
CI log (which may be all a reader gets) names what failed."""
import sys
import xml.etree.ElementTree as ET

NS = "{http://microsoft.com/schemas/VisualStudio/TeamTest/2010}"

for path in sys.argv[1:]:
    for result in ET.parse(path).getroot().iter(NS + "UnitTestResult"):
        if result.get("outcome") != "Failed":
            continue
        message = result.find(f"{NS}Output/{NS}ErrorInfo/{NS}Message")
        lines = [l.strip() for l in (message.text or "").splitlines() if l.strip()] if message is not None else []
        print(f"FAILED {result.get('testName')}: {' | '.join(lines[:4])[:600]}")
