#!/usr/bin/env python3
"""Prints the Maven module graph (from each module's pom), fails on a cycle, and prints the main-code lines per module.

Run from the repository root: python3 scripts/modules.py
Exit status 1 if the module graph has a cycle or one module holds more than 30% of the main code lines.
"""

import os
import sys
import xml.etree.ElementTree as ElementTree

NS = {"m": "http://maven.apache.org/POM/4.0.0"}
GROUP = "io.carbonx"
MAX_SHARE = 0.30


def modules():
    root = ElementTree.parse("pom.xml").getroot()
    return [m.text for m in root.findall("m:modules/m:module", NS)]


def graph(names):
    artifacts = {}
    for name in names:
        artifacts[ElementTree.parse(os.path.join(name, "pom.xml")).getroot().find("m:artifactId", NS).text] = name
    edges = {}
    for name in names:
        pom = ElementTree.parse(os.path.join(name, "pom.xml")).getroot()
        # a module's main jar and its test jar are one edge
        edges[name] = list(dict.fromkeys(artifacts[d.find("m:artifactId", NS).text]
                                         for d in pom.findall("m:dependencies/m:dependency", NS)
                                         if d.find("m:groupId", NS).text == GROUP
                                         and d.find("m:artifactId", NS).text in artifacts))
    return edges


def cycle(edges):
    state = {}

    def visit(node, path):
        state[node] = "open"
        for target in edges[node]:
            if state.get(target) == "open":
                return path + [target]
            if target not in state:
                found = visit(target, path + [target])
                if found:
                    return found
        state[node] = "done"
        return None

    for node in edges:
        if node not in state:
            found = visit(node, [node])
            if found:
                return found
    return None


def main_lines(name):
    total = 0
    for folder, _, files in os.walk(os.path.join(name, "src", "main")):
        for file in files:
            if file.endswith(".java"):
                with open(os.path.join(folder, file), encoding="utf-8") as f:
                    total += sum(1 for _ in f)
    return total


def main():
    names = modules()
    edges = graph(names)
    failed = False
    print("module graph:")
    for name in names:
        print("  %-16s -> %s" % (name, ", ".join(edges[name]) or "-"))
    found = cycle(edges)
    if found:
        print("CYCLE: " + " -> ".join(found))
        failed = True
    else:
        print("no cycle")
    lines = {name: main_lines(name) for name in names}
    total = sum(lines.values())
    print("\n| module | main lines | share |\n|---|---:|---:|")
    for name in names:
        share = lines[name] / total if total else 0
        print("| %s | %d | %.1f%% |" % (name, lines[name], 100 * share))
        failed |= share > MAX_SHARE
    print("| total | %d | |" % total)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
