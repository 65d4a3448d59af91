import re, statistics, time
t0=time.perf_counter()
import spacy
from negspacy.negation import Negex
from negspacy.termsets import termset
ti=time.perf_counter()-t0
TEXT = ("I had bowel cancer 4 years ago. Now burning down the outside of my rigth leg to the ankle, "
        "and it feels numb when I wipe. No fever, bladder and bowels are normal. Not sure if my "
        "foot is numb. My mum had a blood clot. If it spreads to the other leg I will call the GP. "
        "It wakes me at night.")[:300]
nlp=spacy.blank("en"); nlp.add_pipe("sentencizer")
ruler=nlp.add_pipe("entity_ruler")
ruler.add_patterns([{"label":"SYMPTOM","pattern":[{"LOWER":w} for w in p.split()]} for p in
   ["cancer","burning","numb","fever","blood clot","bladder","bowels","spreads","wakes me at night"]])
nlp.add_pipe("negex", config={"neg_termset": termset("en_clinical").get_patterns(), "ent_types":["SYMPTOM"]})
doc=nlp(TEXT)
for e in doc.ents: print(f"  {e.text!r:22} negex={e._.negex}")
def med(f,n=50):
    ts=[]
    for _ in range(n):
        t=time.perf_counter(); f(); ts.append(time.perf_counter()-t)
    return statistics.median(ts)
R=re.compile(r"\b(cancer|burning|numb|fever|blood clot|bladder|bowels|spreads|wakes me at night|no|not sure|if|mum|had)\b", re.I)
for _ in range(5): nlp(TEXT)
a=med(lambda: nlp(TEXT)); b=med(lambda: list(R.finditer(TEXT)))
print(f"import {ti*1000:.0f} ms; negspacy median {a*1000:.3f} ms; regex {b*1000:.4f} ms; ratio {a/b:.0f}x")
