"""Do atlante and pgRouting reach the same nodes within the budget, at the same cost?

compare.py ATLANTE_NODES.csv PGROUTING_NODES.csv BUDGET_M WALK_KMH
"""
import csv
import sys

atlante_csv, pgrouting_csv, budget, kmh = sys.argv[1], sys.argv[2], float(sys.argv[3]), float(sys.argv[4])
metres_per_minute = kmh * 1000 / 60

atlante = {}
with open(atlante_csv) as f:
    for row in csv.DictReader(line for line in f if not line.startswith('#')):
        if row['walk_min']:
            metres = float(row['walk_min']) * metres_per_minute
            if metres <= budget:
                atlante[int(row['node_id'])] = metres
pgrouting = {}
with open(pgrouting_csv) as f:
    for row in csv.DictReader(f):
        pgrouting[int(row['node'])] = min(float(row['agg_cost']), pgrouting.get(int(row['node']), 1e18))

only_a = set(atlante) - set(pgrouting)
only_p = set(pgrouting) - set(atlante)
both = set(atlante) & set(pgrouting)
worst = max((abs(atlante[n] - pgrouting[n]) for n in both), default=0)
# A node that one tool finds just inside the budget and the other just outside is a rounding
# matter, not a disagreement: report how far from the budget the differing nodes are.
edge = max([abs(atlante[n] - budget) for n in only_a] + [abs(pgrouting[n] - budget) for n in only_p], default=0)
print(f"reached within {budget:.0f} m: atlante {len(atlante)}, pgRouting {len(pgrouting)}, both {len(both)}; "
      f"only atlante {len(only_a)}, only pgRouting {len(only_p)} (all within {edge:.3f} m of the budget); "
      f"largest cost difference on common nodes {worst:.6f} m")
ok = worst < 0.01 and edge < 0.01
print("AGREE" if ok else "DISAGREE")
sys.exit(0 if ok else 1)
