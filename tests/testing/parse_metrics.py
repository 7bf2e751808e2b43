#!/usr/bin/python3
"""Reads a Prometheus text exposition (the file named, or stdin) with
prometheus_client's own parser (a reader other than the writer) and prints
what it sees, one fact per line, for the tests to compare exactly:

  family<TAB>NAME<TAB>TYPE                  each metric family
  sample<TAB>NAME<TAB>LABELS<TAB>VALUE      each sample: LABELS as k=v
      joined by commas in key order, VALUE as %g

Exits non-zero (with the parser's complaint on stderr) when the text does
not parse.
"""
import sys

from prometheus_client.parser import text_string_to_metric_families

text = open(sys.argv[1], encoding="utf-8").read() if len(sys.argv) > 1 else sys.stdin.read()
for family in text_string_to_metric_families(text):
    print("family\t%s\t%s" % (family.name, family.type))
    for sample in family.samples:
        labels = ",".join("%s=%s" % (k, v) for k, v in sorted(sample.labels.items()))
        print("sample\t%s\t%s\t%g" % (sample.name, labels, sample.value))
