#!/usr/bin/env python3
"""Writes the request bodies of bench/load.sh: one eligible candidate, and a batch of N varied candidates,
with sample dates relative to today so that the rules really decide (recent labs, c-ART dates)."""
import datetime, json, random, sys

out, batch_size = sys.argv[1], int(sys.argv[2])
today = datetime.date.today()
drawn = (today - datetime.timedelta(days=7)).isoformat()
rng = random.Random(7)

def candidate(i, cd4=250):
    return {
        "pseudonymId": f"LOAD-{i:05d}", "birthDate": "1980-05-01", "sex": "MALE", "pregnant": False, "breastfeeding": False,
        "cd4Counts": [{"value": cd4, "unit": "cells/uL", "sampleDate": drawn}],
        "hivRna": [{"comparator": "<", "value": 20, "unit": "copies/mL", "sampleDate": drawn}],
        "neutrophils": [{"value": 2100, "unit": "cells/uL", "sampleDate": drawn}],
        "haemoglobin": [{"value": 13.2, "unit": "g/dL", "sampleDate": drawn}],
        "platelets": [{"value": 210, "unit": "10*9/L", "sampleDate": drawn}],
        "creatinine": [{"value": 0.9, "unit": "mg/dL", "upperLimitOfNormal": 1.2, "sampleDate": drawn}],
        "art": {"startDate": "2020-06-01", "lastRegimenChange": "2024-01-10",
                "currentDrugs": ["dolutegravir", "lamivudine", "abacavir"]},
        "priorInterleukinTherapy": False, "malignancyHistory": [], "activeOpportunisticInfection": False}

with open(f"{out}/single.json", "w") as f:
    json.dump({"candidate": candidate(0)}, f)
with open(f"{out}/batch.json", "w") as f:
    json.dump({"candidates": [candidate(i, rng.choice([99, 100, 250, 400, 401])) for i in range(batch_size)]}, f)
