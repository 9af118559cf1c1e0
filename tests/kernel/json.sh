#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# -j: every line netsh prints is a JSON document of doc/netsh.schema.json,
# and says what the text view says.
. "$TESTLIB"

py=/usr/bin/python3
"$py" -c 'import jsonschema' 2>/dev/null || skip "python3-jsonschema is not installed (scripts/setup installs it)"
schema=$(dirname "$TESTLIB")/../../doc/netsh.schema.json
out=/run/json.out
{
	netsh -j -c 'switch sw; router r; node a b; cable a sw 10.0.0.1/24; cable r sw 10.0.0.2/24
cable b r subnet 10.0.1.0/24; route a default via 10.0.0.2; route b default via 10.0.1.2
nat r out eth1; forward r tcp 8080 to a:80; addr a:eth0 fd00::1/64' || fail "building"
	ip -n a link set eth0 down
	netsh -j -c show || fail "show"
	netsh -j -c 'show r' || fail "show r"
	netsh -j -c 'show a' || fail "show a"
	netsh -j -c 'down a; up a; del route b default' || fail "down, up, del route"
	netsh -j -n -c 'show b' || fail "show b in a dry run"
	netsh -j -c destroy
} >"$out" || fail "a -j command failed"
lines=$(wc -l <"$out")
"$py" - "$schema" "$out" <<'PY' || fail "a line is not a document of the schema"
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
for n, line in enumerate(open(sys.argv[2]), 1):
    doc = json.loads(line)
    errs = sorted(v.iter_errors(doc), key=str)
    if errs:
        print(f"line {n}: {errs[0].message}\n{line}", file=sys.stderr)
        sys.exit(1)
PY
ok "all $lines lines of -j output are documents of the schema"
grep -q '"node":"a","change":"added","what":"interface".*"addresses":\["10.0.0.1/24"\]' "$out" ||
	fail "no change line for a's cable"
grep -q '"node":"r","change":"added","what":"forward".*"port":8080' "$out" || fail "no forward change"
grep -q '"drift":\[{"text":"eth0 is down (the record says up)","recordable":true}' "$out" ||
	fail "show -j does not carry a's drift"
grep -q '"teardown":{"namespaces":4' "$out" || fail "no teardown line"
ok "the documents say what happened"
