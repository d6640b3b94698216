"""Prints a region's calls and whether its inclusive energy (any domain) is
above 0: region_energy.py PROFILE REGION."""
import json
import sys

profile = json.load(open(sys.argv[1]))
for region in profile["regions"]:
    if region["name"] == sys.argv[2]:
        energy = [d["inclusive"] for d in region.get("energy_j", {}).values()]
        print("%s: calls %d, energy > 0: %s" % (
            region["name"], region["calls"],
            "yes" if energy and max(energy) > 0 else "no"))
        break
else:
    sys.exit("no region %r" % sys.argv[2])
