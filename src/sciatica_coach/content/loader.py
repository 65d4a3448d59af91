"""Load the YAML knowledge base, validate it, and check every cross-reference.

Content is data, so mistakes in it must surface as a load error that names the file and the
item, never as a wrong answer at run time. The loader runs once per process (see
:func:`default_knowledge_base`); tests load it too, so a broken content file fails CI.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from .catalog import Catalog
from .code_models import ClinicalCodes
from .describe_models import DescribeContent
from .emergency_models import EmergencyNumbers
from .errors import ContentError
from .models import (
    EmergencySign,
    Exercise,
    FaqEntry,
    Habit,
    MatchNote,
    Muscle,
    Professional,
    Region,
    Source,
    Technique,
    Tool,
    Topic,
    WarningSign,
)
from .never_press_models import NeverPress
from .pose_models import MuscleOutline, Pose
from .routine_models import PegContent, RoutineContent
from .screening_models import ScreeningContent

CONTENT_DIR = Path(__file__).parent

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class KnowledgeBase:
    """Everything the product knows, validated and cross-checked."""

    sources: Catalog[Source]
    regions: Catalog[Region]
    never_press: Catalog[NeverPress]
    muscles: Catalog[Muscle]
    techniques: Catalog[Technique]
    tools: Catalog[Tool]
    exercises: Catalog[Exercise]
    habits: Catalog[Habit]
    warning_signs: Catalog[WarningSign]
    professionals: Catalog[Professional]
    topics: Catalog[Topic]
    faq: Catalog[FaqEntry]
    screening: ScreeningContent
    match_notes: Catalog[MatchNote]
    routine: RoutineContent
    peg: PegContent
    poses: Catalog[Pose]
    muscle_outlines: Catalog[MuscleOutline]
    codes: ClinicalCodes
    emergency_numbers: EmergencyNumbers
    describe: DescribeContent

    @property
    def emergency_signs(self) -> list[EmergencySign]:
        """The one list of emergency signs (``warning_signs.yaml``, the ``emergency`` sign):
        Learn, the safety net, the footer and the printed routine all show these words."""
        return next(w.signs for w in self.warning_signs.values() if w.kind == "emergency")


SafeLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""libyaml's safe loader where PyYAML was built with it: the same documents, about ten times
faster than the pure-Python one (``tests/content/test_loader.py`` compares the two)."""


def parse_yaml(path: Path) -> Any:
    """One content file as plain data, with a :class:`ContentError` naming it if it cannot be."""
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SafeLoader)
    except FileNotFoundError:
        raise ContentError(f"{path.name}: file is missing") from None
    except yaml.YAMLError as exc:
        raise ContentError(f"{path.name}: not valid YAML: {exc}") from None


def _read_items(path: Path, model: type[M], kind: str) -> Catalog[Any]:
    raw = parse_yaml(path)
    if not isinstance(raw, list):
        raise ContentError(f"{path.name}: expected a list of {kind} entries at the top level")
    items: list[Any] = []
    seen: set[str] = set()
    for index, entry in enumerate(raw):
        label = entry.get("id", f"#{index + 1}") if isinstance(entry, dict) else f"#{index + 1}"
        try:
            item = model.model_validate(entry)
        except ValidationError as exc:
            problems = "; ".join(
                f"{'.'.join(str(p) for p in err['loc']) or '(entry)'}: {err['msg']}"
                for err in exc.errors()
            )
            raise ContentError(f"{path.name}: {kind} '{label}': {problems}") from None
        item_id = item.id  # type: ignore[attr-defined]
        if item_id in seen:
            raise ContentError(f"{path.name}: {kind} '{item_id}' is defined twice")
        seen.add(item_id)
        items.append(item)
    return Catalog(kind, items)


def _read_document(path: Path, model: type[M]) -> M:
    """Read a file that holds one object (not a list), naming the entry id in errors."""
    raw = parse_yaml(path)
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = list(err["loc"])
        if len(where) >= 2 and isinstance(raw, dict) and isinstance(where[1], int):
            entries = raw.get(where[0], [])
            index = where[1]
            if (
                isinstance(entries, list)
                and index < len(entries)
                and isinstance(entries[index], dict)
            ):
                where[1] = f"'{entries[index].get('id', index)}'"
        location = ".".join(str(p) for p in where)
        raise ContentError(f"{path.name}: {location}: {err['msg']}") from None


def _read_screening(path: Path) -> ScreeningContent:
    screening = _read_document(path, ScreeningContent)
    for section in ("levels", "restrictions", "questions"):
        ids = [entry.id for entry in getattr(screening, section)]
        doubled = sorted({i for i in ids if ids.count(i) > 1})
        if doubled:
            raise ContentError(f"{path.name}: {section}: defined twice: {doubled}")
    defined = {r.id for r in screening.restrictions}
    for question in screening.questions:
        for restriction in question.rule.restrictions:
            if restriction not in defined:
                raise ContentError(
                    f"{path.name}: question '{question.id}': restriction '{restriction}' "
                    "is not described under restrictions"
                )
    return screening


class _RefChecker:
    """Collects dangling references so one load reports the first, clearly."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def expect(
        self, file: str, kind: str, item_id: str, field: str, refs: list[str], target: Catalog[Any]
    ) -> None:
        for ref in refs:
            if ref not in target:
                raise ContentError(
                    f"{file}: {kind} '{item_id}': {field} names unknown {target.kind} '{ref}'"
                )

    def run(self) -> None:
        kb = self.kb
        sourced: list[tuple[str, str, Catalog[Any]]] = [
            ("regions.yaml", "region", kb.regions),
            ("never_press.yaml", "never-press place", kb.never_press),
            ("muscles.yaml", "muscle", kb.muscles),
            ("techniques.yaml", "technique", kb.techniques),
            ("tools.yaml", "tool", kb.tools),
            ("exercises.yaml", "exercise", kb.exercises),
            ("habits.yaml", "habit", kb.habits),
            ("warning_signs.yaml", "warning sign", kb.warning_signs),
            ("professionals.yaml", "professional", kb.professionals),
            ("topics.yaml", "topic", kb.topics),
            ("faq.yaml", "FAQ entry", kb.faq),
            ("match_notes.yaml", "match note", kb.match_notes),
        ]
        for file, kind, catalog in sourced:
            for item in catalog.values():
                self.expect(
                    file, kind, item.id, "sources", getattr(item, "sources", []), kb.sources
                )
        self.expect(
            "routine.yaml", "section", "limits", "sources", kb.routine.limits.sources, kb.sources
        )
        self.expect(
            "routine.yaml", "section", "script", "sources", kb.routine.script.sources, kb.sources
        )
        self.expect(
            "routine.yaml", "section", "reminders", "sources", kb.routine.reminders.sources,
            kb.sources,
        )  # fmt: skip
        self.expect("peg.yaml", "document", "peg", "sources", kb.peg.sources, kb.sources)
        for escalation in kb.screening.escalations:
            self.expect(
                "screening.yaml",
                "escalation",
                escalation.id,
                "sources",
                escalation.sources,
                kb.sources,
            )
        for question in kb.screening.questions:
            self.expect(
                "screening.yaml", "question", question.id, "sources", question.sources, kb.sources
            )
            self.expect(
                "screening.yaml",
                "question",
                question.id,
                "rule.avoid_regions",
                question.rule.avoid_regions,
                kb.regions,
            )
        for section in ("not_sure", "safety_net"):
            cited_by = getattr(kb.screening, section).sources
            self.expect("screening.yaml", "section", section, "sources", cited_by, kb.sources)
        self._never_press()
        self._exercises()
        self._muscles()
        self._pictures()
        self._codes()
        self._describe()
        self._sessions_a_day()
        for technique in kb.techniques.values():
            self.expect(
                "techniques.yaml",
                "technique",
                technique.id,
                "muscles",
                technique.muscles,
                kb.muscles,
            )
            self.expect(
                "techniques.yaml", "technique", technique.id, "tools", technique.tools, kb.tools
            )
            for step in technique.steps:
                stray = [t for t in step.tools if t not in technique.tools]
                if stray:
                    raise ContentError(
                        f"techniques.yaml: technique '{technique.id}': step '{step.id}' names "
                        f"tools the technique does not list: {stray}"
                    )
        for exercise in kb.exercises.values():
            self.expect(
                "exercises.yaml", "exercise", exercise.id, "muscles", exercise.muscles, kb.muscles
            )
        for sign in kb.warning_signs.values():
            self.expect(
                "warning_signs.yaml",
                "warning sign",
                sign.id,
                "professionals",
                sign.professionals,
                kb.professionals,
            )
            for listed in sign.signs:
                self.expect(
                    "warning_signs.yaml", "sign", listed.id, "sources", listed.sources, kb.sources
                )
        emergency = [w.id for w in kb.warning_signs.values() if w.kind == "emergency"]
        if len(emergency) != 1:
            raise ContentError(
                f"warning_signs.yaml: one warning sign lists the emergency signs, not {emergency}"
            )
        for topic in kb.topics.values():
            self.expect(
                "topics.yaml", "topic", topic.id, "related_topics", topic.related_topics, kb.topics
            )
            self.expect(
                "topics.yaml",
                "topic",
                topic.id,
                "related_muscles",
                topic.related_muscles,
                kb.muscles,
            )
        for entry in kb.faq.values():
            self.expect(
                "faq.yaml", "FAQ entry", entry.id, "related_topics", entry.related_topics, kb.topics
            )

    def _sessions_a_day(self) -> None:
        """One limit of sessions a day: the check's question asked without a journal says
        "not today" at the count the planner and the status stop at."""
        limit = self.kb.routine.limits.sessions_per_day
        question = self.kb.screening.question_by_id.get("sessions_today")
        if question is not None and question.rule.threshold != limit:
            raise ContentError(
                f"screening.yaml: question 'sessions_today': rule.threshold must be "
                f"routine.yaml's limits.sessions_per_day ({limit}), not {question.rule.threshold}"
            )

    def _never_press(self) -> None:
        kb = self.kb
        for place in kb.never_press.values():
            check = functools.partial(self.expect, "never_press.yaml", "place", place.id)
            check("regions", place.regions, kb.regions)
            check("inside", place.inside, kb.regions)
            check("marks.region", [m.region for m in place.marks if m.region], kb.regions)

    def _exercises(self) -> None:
        known = {r.id for r in self.kb.screening.restrictions}
        for exercise in self.kb.exercises.values():
            unknown = sorted(set(exercise.left_out_with) - known)
            if unknown:
                raise ContentError(
                    f"exercises.yaml: exercise '{exercise.id}': left_out_with names restrictions "
                    f"screening.yaml does not describe: {unknown}"
                )

    def _muscles(self) -> None:
        kb = self.kb
        for muscle in kb.muscles.values():
            check = functools.partial(self.expect, "muscles.yaml", "muscle", muscle.id)
            check("trigger_points.region", [tp.region for tp in muscle.trigger_points], kb.regions)
            check("never_press", muscle.never_press, kb.never_press)
            for tp in muscle.trigger_points:
                check(f"trigger point '{tp.id}' tools", tp.tools or [], kb.tools)
            check("referral.essential", muscle.referral.essential, kb.regions)
            check("referral.spillover", muscle.referral.spillover, kb.regions)
            check("technique", [muscle.technique], kb.techniques)
            technique = kb.techniques[muscle.technique]
            stray = set(technique.positions) - set(technique.tools)
            if stray:
                raise ContentError(
                    f"techniques.yaml: technique '{technique.id}': positions for tools it "
                    f"does not use: {sorted(stray)}"
                )
            if muscle.id not in kb.techniques[muscle.technique].muscles:
                raise ContentError(
                    f"muscles.yaml: muscle '{muscle.id}': technique '{muscle.technique}' "
                    f"does not list it under muscles"
                )
            for field, kind in (("stretches", "stretch"), ("strengthening", "strengthening")):
                refs: list[str] = getattr(muscle, field)
                check(field, refs, kb.exercises)
                for ref in refs:
                    if kb.exercises[ref].kind != kind:
                        raise ContentError(
                            f"muscles.yaml: muscle '{muscle.id}': {field} names '{ref}', "
                            f"which is a {kb.exercises[ref].kind} exercise, not a {kind}"
                        )

    def _pose_presses(self, pose: Pose) -> None:
        """A technique's drawing presses only where its muscles have a trigger point, and
        draws a tool only the technique uses; an exercise's drawing presses nowhere."""
        kb, file = self.kb, "poses.yaml"
        technique = kb.techniques.get(pose.id)
        tools = set(technique.tools) if technique else set()
        stray = sorted(set(pose.tools) - tools)
        if stray:
            raise ContentError(
                f"{file}: pose '{pose.id}': drawn for tools it does not use: {stray}"
            )
        regions = (
            {
                tp.region
                for m in technique.muscles
                if m in kb.muscles  # an unknown muscle is reported by the techniques' check
                for tp in kb.muscles[m].trigger_points
            }
            if technique
            else set()
        )
        for drawn in (pose, *(pose.for_tool(t) for t in pose.tools)):
            for prop in drawn.props:
                if prop.presses is not None and prop.presses not in regions:
                    raise ContentError(
                        f"{file}: pose '{pose.id}': a {prop.kind} presses '{prop.presses}', "
                        "where none of its muscles has a trigger point"
                    )

    def _codes(self) -> None:
        """Body-site codes name real regions, per side only where the region has sides."""
        kb = self.kb
        file = "clinical_codes.yaml"
        self.expect(file, "code", "pain_score", "sources", kb.codes.pain_score.sources, kb.sources)
        self.expect(file, "code", "laterality", "sources", kb.codes.laterality.sources, kb.sources)
        for site in kb.codes.body_sites:
            self.expect(file, "body site", site.id, "id", [site.id], kb.regions)
            self.expect(file, "body site", site.id, "sources", site.sources, kb.sources)
            if site.snomed is None and not kb.regions[site.id].sided:
                raise ContentError(
                    f"{file}: body site '{site.id}': a midline region has one code (snomed), "
                    "not one per side"
                )

    def _describe(self) -> None:
        """Every id the describe words name exists: regions, yes/no questions, sources."""
        kb, file = self.kb, "describe.yaml"
        content = kb.describe
        yes_no = {q.id for q in kb.screening.questions if q.kind == "yes_no"}
        for place in content.places:
            self.expect(file, "place words", place.words[0], "regions", place.regions, kb.regions)
        for i, path in enumerate(content.paths):
            self.expect(file, "path", f"#{i + 1}", "regions", path, kb.regions)
        self.expect(file, "section", "unfilled", "regions", content.unfilled, kb.regions)
        rules: list[tuple[str, list[str], list[str]]] = [
            (q.question, q.sources, [b.question for b in q.becomes]) for q in content.questions
        ]
        rules += [(n.question, n.sources, []) for n in content.numbers]
        for question, sources, becomes in rules:
            self.expect(file, "question words", question, "sources", sources, kb.sources)
            for qid in (question, *becomes):
                if qid not in yes_no:
                    raise ContentError(
                        f"{file}: question words '{question}': '{qid}' is not a yes/no "
                        "question of screening.yaml"
                    )
        for q in content.questions:
            self.expect(
                file, "question words", q.question, "except_regions", q.except_regions, kb.regions
            )
        ids = [q.question for q in content.questions]
        doubled = sorted({i for i in ids if ids.count(i) > 1})
        if doubled:
            raise ContentError(f"{file}: questions: defined twice: {doubled}")

    def _pictures(self) -> None:
        """Every technique and exercise has a pose, every muscle an outline, and no more."""
        kb = self.kb
        for file, kind, catalog, owners in (
            ("poses.yaml", "pose", kb.poses, {**kb.techniques, **kb.exercises}),
            ("muscle_outlines.yaml", "muscle outline", kb.muscle_outlines, dict(kb.muscles)),
        ):
            unknown = sorted(set(catalog) - set(owners))
            if unknown:
                raise ContentError(
                    f"{file}: {kind} for no known technique, exercise or muscle: {unknown}"
                )
            missing = [i for i in owners if i not in catalog]
            if missing:
                raise ContentError(f"{file}: no {kind} for: {missing}")
        for pose in kb.poses.values():
            self._pose_presses(pose)
            if pose.id in kb.exercises and kb.exercises[pose.id].sided != (pose.side is not None):
                raise ContentError(
                    f"poses.yaml: pose '{pose.id}': a one-sided exercise's pose, and only "
                    "one, says which side it shows"
                )


def _never_pressed(regions: Catalog[Region], places: Catalog[NeverPress]) -> Catalog[Region]:
    """The regions with ``no_pressure`` set from the never-press list, the one place it is
    said; a region file that sets it by hand is an error, so the two cannot drift."""
    by_hand = [r.id for r in regions.values() if r.no_pressure]
    if by_hand:
        raise ContentError(
            f"regions.yaml: no_pressure is set from never_press.yaml, not by hand: {by_hand}"
        )
    covered = {region for place in places.values() for region in place.regions}
    return Catalog(
        regions.kind,
        [r.model_copy(update={"no_pressure": r.id in covered}) for r in regions.values()],
    )


def load_knowledge_base(directory: Path = CONTENT_DIR) -> KnowledgeBase:
    """Read and validate every content file in ``directory``.

    Raises :class:`ContentError` naming the file and item at the first problem.
    """

    def read(name: str, model: type[M], kind: str) -> Catalog[Any]:
        return _read_items(directory / name, model, kind)

    never_press = read("never_press.yaml", NeverPress, "never-press place")
    kb = KnowledgeBase(
        sources=read("sources.yaml", Source, "source"),
        regions=_never_pressed(read("regions.yaml", Region, "region"), never_press),
        never_press=never_press,
        muscles=read("muscles.yaml", Muscle, "muscle"),
        techniques=read("techniques.yaml", Technique, "technique"),
        tools=read("tools.yaml", Tool, "tool"),
        exercises=read("exercises.yaml", Exercise, "exercise"),
        habits=read("habits.yaml", Habit, "habit"),
        warning_signs=read("warning_signs.yaml", WarningSign, "warning sign"),
        professionals=read("professionals.yaml", Professional, "professional"),
        topics=read("topics.yaml", Topic, "topic"),
        faq=read("faq.yaml", FaqEntry, "FAQ entry"),
        screening=_read_screening(directory / "screening.yaml"),
        match_notes=read("match_notes.yaml", MatchNote, "match note"),
        routine=_read_document(directory / "routine.yaml", RoutineContent),
        peg=_read_document(directory / "peg.yaml", PegContent),
        poses=read("poses.yaml", Pose, "pose"),
        muscle_outlines=read("muscle_outlines.yaml", MuscleOutline, "muscle outline"),
        codes=_read_document(directory / "clinical_codes.yaml", ClinicalCodes),
        emergency_numbers=_read_document(directory / "emergency_numbers.yaml", EmergencyNumbers),
        describe=_read_document(directory / "describe.yaml", DescribeContent),
    )
    _RefChecker(kb).run()
    return kb


@functools.cache
def default_knowledge_base() -> KnowledgeBase:
    """The packaged knowledge base, loaded once per process."""
    return load_knowledge_base()
