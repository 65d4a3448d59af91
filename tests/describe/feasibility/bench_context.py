import re, statistics, sys, time
t0 = time.perf_counter()
import spacy
import medspacy
from medspacy.context import ConText
from medspacy.ner import TargetRule
t_import = time.perf_counter() - t0
from rapidfuzz import fuzz, process

TEXT = ("I had bowel cancer 4 years ago. Now burning down the outside of my rigth leg to the ankle, "
        "and it feels numb when I wipe. No fever, bladder and bowels are normal. Not sure if my "
        "foot is numb. My mum had a blood clot. If it spreads to the other leg I will call the GP. "
        "It wakes me at night.")
TEXT = TEXT[:300]
print("chars", len(TEXT))

t0 = time.perf_counter()
nlp = spacy.blank("en")
nlp.add_pipe("sentencizer")
tm = nlp.add_pipe("medspacy_target_matcher")
tm.add([TargetRule(w, "SYMPTOM") for w in
        ["cancer", "burning", "numb", "fever", "blood clot", "bladder", "bowels", "spreads", "wakes me at night"]])
ctx = nlp.add_pipe("medspacy_context")  # default ConText rules shipped with medspaCy
t_build = time.perf_counter() - t0
print("pipes", nlp.pipe_names)
doc = nlp(TEXT)
for e in doc.ents:
    print(f"  {e.text!r:22} negated={e._.is_negated} uncertain={e._.is_uncertain} "
          f"historical={e._.is_historical} hypothetical={e._.is_hypothetical} family={e._.is_family}")

REGEX = re.compile(r"\b(cancer|burning|numb|fever|blood clot|bladder|bowels|spreads|wakes me at night|no|not sure|if|mum|had)\b", re.I)
def rx():
    return [m.group(0) for m in REGEX.finditer(TEXT)]

def med(f, n=50):
    ts = []
    for _ in range(n):
        t = time.perf_counter(); f(); ts.append(time.perf_counter() - t)
    return statistics.median(ts)

for _ in range(5): nlp(TEXT); rx()
m_ctx = med(lambda: nlp(TEXT))
m_rx = med(rx)
words = TEXT.split()
vocab = ["right", "left", "numbness", "sciatic", "nerve", "buttock", "hamstring", "tingling", "burning", "ankle"] * 10
m_fz = med(lambda: [process.extractOne(w, vocab, scorer=fuzz.ratio, score_cutoff=80) for w in words])
print(f"import {t_import*1000:.0f} ms; build pipeline {t_build*1000:.1f} ms")
print(f"median of 50: context pipeline {m_ctx*1000:.3f} ms; regex {m_rx*1000:.4f} ms; ratio {m_ctx/m_rx:.0f}x")
print(f"rapidfuzz extractOne per word ({len(words)} words x {len(vocab)} entries): {m_fz*1000:.3f} ms")
