import spacy, medspacy, time, statistics
from medspacy.context import ConTextRule
from medspacy.ner import TargetRule
TEXT = ("I had bowel cancer 4 years ago. Now burning down the outside of my rigth leg to the ankle, "
        "and it feels numb when I wipe. No fever, bladder and bowels are normal. Not sure if my "
        "foot is numb. My mum had a blood clot. If it spreads to the other leg I will call the GP. "
        "It wakes me at night.")[:300]
nlp = spacy.blank("en"); nlp.add_pipe("sentencizer")
nlp.add_pipe("medspacy_target_matcher").add([TargetRule(w, "SYMPTOM") for w in
    ["cancer", "burning", "numb", "fever", "blood clot", "bladder", "bowels", "spreads", "wakes me at night"]])
ctx = nlp.add_pipe("medspacy_context")
ctx.add([ConTextRule("not sure if", "POSSIBLE_EXISTENCE", direction="FORWARD", max_scope=None),
         ConTextRule("mum", "FAMILY", direction="BIDIRECTIONAL"),
         ConTextRule("dad", "FAMILY", direction="BIDIRECTIONAL")])
doc = nlp(TEXT)
for e in doc.ents:
    print(f"  {e.text!r:22} neg={e._.is_negated} unc={e._.is_uncertain} hyp={e._.is_hypothetical} fam={e._.is_family} mods={[m.category for m in e._.modifiers]}")
print("rules", len(ctx.rules))
ts=[]
for _ in range(50):
    t=time.perf_counter(); nlp(TEXT); ts.append(time.perf_counter()-t)
print(f"median {statistics.median(ts)*1000:.3f} ms, max {max(ts)*1000:.2f} ms")
