"""A notebook-style walk through: rank a folder, a table of the rows, one unit's lost points.

Run from the repository's root: `python bindings/python/examples/notebook.py`.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import par_index as p

# Rank the district sample (22 communes) with its survey results.
ranking = p.rank("examples/data/district", survey="examples/data/district/survey.json")
records = ranking.to_records()  # ready for pandas.DataFrame(records)
for r in records[:5]:
    print(f"{r['rank']:>2}  {r['code']}  {r['name']:<20} {r['index']:>6}%  {r['band']}")

# The last unit's points lost, largest first: scored as the ranking scored it, through its
# appraisal stages and with the survey's results (the citizens' part of the index).
last = ranking.rows[-1]
submission = p.Submission.from_file(f"examples/data/district/{last.code}.json")
stages = [p.Stage.from_file(f) for f in Path("examples/data/district/appraisals").glob(f"{last.code}.*.json")]
survey = p.Survey.from_file("examples/data/district/survey.json")
card = p.appraise(submission, stages, survey)[-1]
assert card.index == last.index
lost = sorted((i for i in card.items if i.lost > 0), key=lambda i: i.lost, reverse=True)
total_lost: Decimal = sum((i.lost for i in lost), Decimal(0))
print(f"\n{card.unit_name}: {card.index}% ({card.band}), {total_lost} points lost")
for i in lost[:5]:
    print(f"  {i.code:<7} -{i.lost:<5} {i.title}")

# How the worst item got its points.
if lost:
    print()
    print(p.explain(card, lost[0].code, lang="en"))
