#!/usr/bin/env python3
"""Every deployment and configuration file parses, and says what the services need.

YAML (PyYAML, Debian's python3-yaml): every document parses; Kubernetes objects have
apiVersion, kind and metadata.name; every Deployment has a readiness probe and resources, and
those that run the services the database URL from a Secret. Environment files: KEY=VALUE lines
whose keys the services read.
systemd units: sections and the keys systemd needs. Exit code 1 with one line per problem.
"""
import configparser
import pathlib
import re
import sys

import yaml

root = pathlib.Path(sys.argv[1])
problems = []
known = set(re.findall(r"OZJT_[A-Z_]+", (root / "README.md").read_text()))

yamls = sorted(list(root.glob("ops/**/*.yaml")) + list(root.glob("ops/**/*.yml")))
if not yamls:
    problems.append("no YAML files under ops/")
for path in yamls:
    try:
        docs = [d for d in yaml.safe_load_all(path.read_text()) if d is not None]
    except yaml.YAMLError as e:
        problems.append(f"{path}: {e}")
        continue
    for d in docs:
        for field in ("apiVersion", "kind"):
            if field not in d:
                problems.append(f"{path}: a document without {field}")
        if not d.get("metadata", {}).get("name"):
            problems.append(f"{path}: {d.get('kind')} without metadata.name")
        if d.get("kind") == "Deployment":
            name = d["metadata"]["name"]
            for c in d["spec"]["template"]["spec"]["containers"]:
                if "readinessProbe" not in c:
                    problems.append(f"{path}: {name} has no readinessProbe")
                if "resources" not in c:
                    problems.append(f"{path}: {name} has no resources")
                env = {e["name"]: e for e in c.get("env", [])}
                # The services need the database; the gateway alone (ozjt-web) and the router do not.
                serves = ("/ozjt-contracts:" in c["image"]
                          and c.get("command", [""])[0] != "/opt/ozjt/bin/ozjt-web")
                if serves and "secretKeyRef" not in env.get("OZJT_DATABASE_URL", {}).get("valueFrom", {}):
                    problems.append(f"{path}: {name} does not take the database URL from a Secret")
        if d.get("kind") == "ConfigMap":
            for key in d.get("data", {}):
                if key.startswith("OZJT_") and key not in known:
                    problems.append(f"{path}: {key} is not a documented setting")

for path in sorted(root.glob("ops/**/*.env.example")):
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        m = re.fullmatch(r"([A-Z_][A-Z0-9_]*)=(.*)", line)
        if not m:
            problems.append(f"{path}:{n}: not KEY=VALUE")
        elif m.group(1) not in known:
            problems.append(f"{path}:{n}: {m.group(1)} is not a documented setting")

for path in sorted(root.glob("ops/**/*.service")):
    unit = configparser.ConfigParser(strict=False, interpolation=None)
    unit.optionxform = str
    try:
        unit.read_string(path.read_text())
    except configparser.Error as e:
        problems.append(f"{path}: {e}")
        continue
    for section, key in (("Unit", "Description"), ("Service", "ExecStart"),
                         ("Service", "EnvironmentFile"), ("Install", "WantedBy")):
        if not unit.has_option(section, key):
            problems.append(f"{path}: [{section}] {key} missing")

for p in problems:
    print(p)
print(f"config files: {len(yamls)} YAML, checked; {len(problems)} problems")
sys.exit(1 if problems else 0)
