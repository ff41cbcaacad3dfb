"""Validation in forked workers gives the serial pass's outcome, row for row.

Each test imports the same files through both paths (`validate_workers=1`: this
process; `validate_workers=2`: two forked workers) into an empty graph and compares
everything a steward sees: the graph, the report (counts, errors and notices in order), the
rejects files.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest

from graph.admin import wipe
from graph.store import Store
from ingest import importer, validation
from ingest.importer import ImportOptions, ImportRejected, import_files
from tests.ingest.conftest import EXAMPLES, nodes, snapshot

CSV_FILES = sorted((EXAMPLES / "csv").glob("*.csv"))
EVERY_FORMAT = [*CSV_FILES, EXAMPLES / "treaties.csv", EXAMPLES / "partners.json",
                EXAMPLES / "bundle.stix.json"]


def _without_import_ids(graph: tuple[frozenset[Any], frozenset[Any]]) -> tuple[set[Any], ...]:
    """The graph as sets of tuples, less the id of the import run (new on every run)."""
    return tuple({_strip(item) for item in part} for part in graph)


def _strip(item: tuple[Any, ...]) -> tuple[Any, ...]:
    *head, props = item
    return (*head, tuple(kv for kv in props if kv[0] != "import_id"))


def _outcome(store: Store, files: list[Path], workers: int, before: Sequence[Path],
             **options: Any) -> dict[str, Any]:
    wipe(store)
    if before:
        import_files(store, list(before))
    try:
        report = import_files(store, files,
                              options=ImportOptions(validate_workers=workers, **options))
    except ImportRejected as exc:
        assert exc.report is not None
        report = exc.report
    seen = report.as_dict()
    seen.pop("import_id")
    seen["as_json"] = json.dumps(seen)  # what `import --json` prints, key order included
    seen["rejects"] = {Path(f).name: Path(f).read_text(encoding="utf-8")
                       for f in report.rejects_files}
    seen["graph"] = _without_import_ids(snapshot(store, imports=False))
    return seen


def _both(store: Store, files: list[Path], before: Sequence[Path] = (), *, monkeypatch,
          paths: Sequence[tuple[str, bool]] = (("forked", True),),
          **options: Any) -> dict[str, Any]:
    """The outcome of the serial path (after importing `before`), asserted equal to the
    forked path's; `paths`: the forked validations that ran, in the order they ended, and
    whether each decided — "early" (files of ties before the scan; False: it handed over to
    the scan) and "forked" (the pass in workers; False: it handed over to the serial
    passes, as after a withdrawal)."""
    serial = _outcome(store, files, 1, before, **options)
    ended: list[tuple[str, bool]] = []

    def spy(module: Any, name: str, path: str) -> None:
        real = getattr(module, name)

        def spied(*args: Any, **kwargs: Any) -> Any:
            done = real(*args, **kwargs)
            ended.append((path, done is not None))
            return done

        monkeypatch.setattr(module, name, spied)

    spy(validation, "_validate_forked", "forked")
    spy(importer, "validate_ties_early", "early")
    assert _outcome(store, files, 2, before, **options) == serial
    assert ended == list(paths)
    return serial


def test_every_format_with_bad_rows_and_duplicate_ties_across_files(
        store: Store, write: Callable[..., Path], tmp_path: Path, monkeypatch) -> None:
    extra = [
        write("partners_extra.csv", "id,name,kind,country\n,No Id,ngo,FR\nfr-anssi,ANSSI,cert,France\n"),
        # Both tie what agreement_parties.csv and activity_participants.csv already tie.
        write("agreement_parties_extra.csv",
              "agreement_id,partner_id,role\nagr-ng-gib,ng-npf,party\nagr-ng-gib,nobody,party\n"),
        write("activity_participants_extra.csv", "activity_id,partner_id,role\nact-falcon,ng-npf,lead\n"),
    ]

    seen = _both(store, [*EVERY_FORMAT, *extra], monkeypatch=monkeypatch, on_error="skip",
                 rejects=tmp_path / "rejects",
                 ignore_columns=frozenset({"Steward notes"}))

    assert [(e["file"], e["line"], e["column"]) for e in seen["errors"]] == [
        ("partners_extra.csv", 2, "id"),
        ("agreement_parties_extra.csv", 2, "partner_id"),
        ("agreement_parties_extra.csv", 3, "partner_id"),
        ("activity_participants_extra.csv", 2, "partner_id"),
    ]
    assert "twice (first at agreement_parties.csv line 2)" in seen["errors"][1]["reason"]
    assert sorted(seen["rejects"]) == ["activity_participants_extra.rejects.csv",
                                       "agreement_parties_extra.rejects.csv",
                                       "partners_extra.rejects.csv"]
    assert seen["governments_created"] == ["gov-FR", "gov-GB", "gov-GH", "gov-NG"]
    assert ("partners_extra.csv", "country 'France' normalised to 'FR'") in {
        (n["file"], n["message"]) for n in seen["notices"]}


def test_a_rejected_row_withdrawing_its_id_rejects_what_refers_to_it(
        store: Store, write: Callable[..., Path], monkeypatch) -> None:
    files = [write("partners.csv", "id,name,kind\np1,One,ngo\np2,Two,pirates\np3,Three,ngo\n"),
             write("platform_use.csv", "partner_id,platform_id\np1,pl\np2,pl\nThree,pl\n"),
             write("platforms.csv", "id,name\npl,Platform\n")]

    seen = _both(store, files, monkeypatch=monkeypatch,
                 paths=[("early", False), ("forked", False)], on_error="skip")

    assert [(e["file"], e["line"], e["column"]) for e in seen["errors"]] == [
        ("partners.csv", 3, "kind"), ("platform_use.csv", 3, "partner_id")]
    assert seen["counts"]["platform_use"] == {"created": 2}


def test_a_withdrawn_partner_named_by_its_id_in_the_same_document(
        store: Store, write: Callable[..., Path], monkeypatch) -> None:
    doc = {"partners": [{"id": "p1", "name": "One", "kind": "ngo"},
                        {"id": "p2", "name": "Two", "kind": "pirates"}],
           "platforms": [{"id": "pl", "name": "Platform"}],
           "platform_use": [{"partner_id": "p1", "platform_id": "pl"},
                            {"partner_id": "p2", "platform_id": "pl"}]}
    files = [write("doc.json", json.dumps(doc)),
             write("partners.csv", "id,name,kind\np3,Three,ngo\n")]

    seen = _both(store, files, monkeypatch=monkeypatch, paths=[("forked", False)],
                 on_error="skip")

    assert [(e["pointer"], e["column"]) for e in seen["errors"]] == [
        ("/partners/1", "kind"), ("/platform_use/1", "partner_id")]


def test_aborted_import_reports_the_same_errors_in_the_same_order(
        store: Store, write: Callable[..., Path], monkeypatch) -> None:
    files = [write("partners.csv", "id,name,kind\np1,One,ngo\np2,Two,ngo\n"),
             write("platform_use.csv", "partner_id,platform_id\np9,pl\np1,pl\np1,pl\n"),
             write("activities.csv", "id,name,kind\nx1,Op,operation\n"),
             write("activity_participants.csv", "activity_id,partner_id\nx1,p1\nx1,P2\nx2,p2\n"),
             write("platforms.csv", "id,name\npl,Platform\n")]

    # Unknown ids (p9, x2) and a name (P2): the files of ties again, in workers.
    seen = _both(store, files, monkeypatch=monkeypatch, paths=[("forked", True), ("early", True)])

    assert seen["status"] == "rejected"
    assert nodes(store, "Partner", "id") == set()  # nothing written
    assert [(e["file"], e["line"], e["column"]) for e in seen["errors"]] == [
        ("platform_use.csv", 2, "partner_id"), ("platform_use.csv", 4, "partner_id"),
        ("activity_participants.csv", 3, "partner_id"),
        ("activity_participants.csv", 4, "activity_id")]


def test_prune_removes_the_same_records(store: Store, write: Callable[..., Path], monkeypatch) -> None:
    first = [write("v1/partners.csv", "id,name,kind\np1,One,ngo\np2,Two,ngo\np3,Three,ngo\n"),
             write("v1/agreements.csv", "id,title,kind,status\nag1,First,mou,active\n"),
             write("v1/agreement_parties.csv", "agreement_id,partner_id\nag1,p1\nag1,p2\nag1,France\n"),
             write("v1/platforms.csv", "id,name\npl,Platform\n"),
             write("v1/platform_use.csv", "partner_id,platform_id\np1,pl\np2,pl\np3,pl\n")]
    second = [write("v2/partners.csv", "id,name,kind\np1,One,ngo\np3,Three,ngo\n"),
              write("v2/agreements.csv", "id,title,kind,status\nag1,First,mou,active\n"),
              write("v2/agreement_parties.csv", "agreement_id,partner_id\nag1,p1\nag1,France\n"),
              write("v2/platforms.csv", "id,name\npl,Platform\n"),
              write("v2/platform_use.csv", "partner_id,platform_id\np1,pl\np3,pl\n")]

    # The parties name a country: their worker's file goes again; what the platform use
    # worker found (its keys included) stands.
    seen = _both(store, second, before=first, monkeypatch=monkeypatch, prune=True,
                 paths=[("forked", True), ("early", True)])

    assert seen["pruned"] == {"partners": 1, "agreement_parties": 1, "platform_use": 1}


def test_synthetic_files_with_duplicate_and_bad_ties_validate_early_as_serially(
        store: Store, tmp_path: Path, monkeypatch) -> None:
    from ingest.synthetic import generate

    generate(tmp_path, partners=40, agreements=80, activities=80, seed=5)
    participants = tmp_path / "activity_participants.csv"
    first = participants.read_text(encoding="utf-8").splitlines()[1]
    with participants.open("a", encoding="utf-8") as fh:
        fh.write(f"{first.rsplit(',', 1)[0]},chief\n")  # a bad role
    # The same tie again, in a second file of the kind: both go to one worker.
    (tmp_path / "activity_participants_2.csv").write_text(f"activity_id,partner_id,role\n{first}\n")
    files = sorted(tmp_path.glob("*.csv"))

    seen = _both(store, files, monkeypatch=monkeypatch, paths=[("early", True)],
                 on_error="skip", rejects=tmp_path / "rejects")

    assert [(e["file"], e["column"]) for e in seen["errors"]] == [
        ("activity_participants.csv", "role"), ("activity_participants_2.csv", "partner_id")]
    assert " twice (first at activity_participants.csv line 2)" in seen["errors"][1]["reason"]
    assert sorted(seen["rejects"]) == ["activity_participants.rejects.csv",
                                       "activity_participants_2.rejects.csv"]


def test_only_the_worker_whose_ties_name_a_partner_validates_again(
        store: Store, tmp_path: Path, monkeypatch) -> None:
    from ingest.synthetic import generate

    generate(tmp_path, partners=40, agreements=80, activities=80, seed=5)
    name = (tmp_path / "partners.csv").read_text(encoding="utf-8").splitlines()[2].split(",")[1]
    with (tmp_path / "activity_participants.csv").open("a", encoding="utf-8") as fh:
        fh.write(f"X0000001,{name},participant\n")  # a partner by name
    files = sorted(tmp_path.glob("*.csv"))
    again: list[list[str]] = []
    validate_forked = validation._validate_forked

    def spy(sources: list[Any], *args: Any, **kwargs: Any) -> Any:
        again.extend([sources[j].name for j in share] for share in args[5])
        return validate_forked(sources, *args, **kwargs)

    monkeypatch.setattr(validation, "_validate_forked", spy)
    seen = _both(store, files, monkeypatch=monkeypatch, paths=[("forked", True), ("early", True)])

    assert again == [["activity_participants.csv"]]
    assert [n["message"] for n in seen["notices"]] == [
        f"partner {name!r} resolved by name to 'P0000001'"]


def test_ties_to_partners_only_the_graph_holds_validate_early(
        store: Store, write: Callable[..., Path], monkeypatch) -> None:
    before = [write("v1/partners.csv", "id,name,kind\np1,One,ngo\np2,Two,ngo\n"),
              write("v1/platforms.csv", "id,name\npl,Platform\n")]
    files = [write("partners.csv", "id,name,kind\np3,Three,ngo\n"),
             write("platform_use.csv", "partner_id,platform_id\np1,pl\np3,pl\np2,pl\n")]

    seen = _both(store, files, before, monkeypatch=monkeypatch, paths=[("early", True)])

    assert seen["counts"]["platform_use"] == {"created": 3}


def test_unreadable_files_stop_an_import_with_ties_validated_early_as_serially(
        store: Store, write: Callable[..., Path], tmp_path: Path, monkeypatch) -> None:
    files = [write("partners.csv", "id,name,kind\np1,One,ngo\n"),
             tmp_path / "platform_use.csv", tmp_path / "activity_participants.csv"]
    files[1].write_bytes(b"partner_id,platform_id\np1,pl\n\xff\xfe,pl\n")
    files[2].write_bytes(b"activity_id,partner_id\n\xc3(,p1\n")

    seen = _both(store, files, monkeypatch=monkeypatch, paths=[("early", False)])

    assert [(e["file"], e["line"]) for e in seen["errors"]] == [
        ("platform_use.csv", 3), ("activity_participants.csv", 2)]


def test_ties_that_an_agreements_file_can_hold_too_are_not_validated_early(
        write: Callable[..., Path]) -> None:
    from ingest.source import SourceOptions, open_source

    def early(agreements_header: str) -> list[str]:
        files = [write("agreements.csv", f"{agreements_header}\n"),
                 write("agreement_parties.csv", "agreement_id,partner_id\n"),
                 write("platform_use.csv", "partner_id,platform_id\n")]
        sources = [open_source(p, SourceOptions()) for p in files]
        return [sources[j].name for j in validation.early_sources(sources)]

    assert early("id,title,kind") == ["agreement_parties.csv", "platform_use.csv"]
    # The stewards' layout: the agreements file ties parties too, so the duplicate check
    # needs both files in one process, after the scan.
    assert early("id,title,kind,Parties") == ["platform_use.csv"]
    assert early('id,title,"kind"') == ["platform_use.csv"]  # a quote: the header is not guessed


def test_an_import_interrupted_after_forked_validation_resumes_in_this_process(
        store: Store, write: Callable[..., Path]) -> None:
    # The larger partners file goes to the first worker: source order and worker order differ.
    files = [write("partners_a.csv", "id,name,kind\n" + "".join(f"a{i},A {i},ngo\n" for i in range(15))),
             write("platform_use.csv", "partner_id,platform_id\na0,pl\nb0,pl\n"),
             write("partners_b.csv", "id,name,kind\n" + "".join(f"b{i},B {i},ngo\n" for i in range(30))),
             write("platforms.csv", "id,name\npl,Platform\n")]
    opts = ImportOptions(batch_size=10)

    def stop_after_second_batch(rows_done: int) -> None:
        if rows_done == 20:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        import_files(store, files, options=ImportOptions(batch_size=10, validate_workers=2,
                                                         workers=1),
                     on_batch=stop_after_second_batch)
    resumed = import_files(store, files, options=opts)

    assert resumed.resumed_at == 20
    assert resumed.counts["partners"] == Counter(created=45)
    assert nodes(store, "Partner", "id") == {(f"a{i}",) for i in range(15)} | {
        (f"b{i}",) for i in range(30)}


class _Recorder:
    """A Progress that keeps, per phase, the rows it was told about."""

    def __init__(self) -> None:
        self.rows: list[list[Any]] = []

    def phase(self, name: str, total: int | None) -> None:
        self.rows.append([name, 0])

    def advance(self, n: int) -> None:
        self.rows[-1][1] += n


def test_progress_counts_every_row_the_workers_validate(store: Store, write: Callable[..., Path]) -> None:
    files = [write("partners.csv", "id,name,kind\n" + "".join(f"p{i},P {i},ngo\n" for i in range(2500))),
             write("platform_use.csv", "partner_id,platform_id\n" + "".join(f"p{i},pl\n" for i in range(2500))),
             write("platforms.csv", "id,name\npl,Platform\n")]
    progress = _Recorder()

    report = import_files(store, files, options=ImportOptions(dry_run=True, validate_workers=2),
                          progress=progress)

    # platform_use.csv is validated from the start, and not scanned.
    assert progress.rows == [["scanning", 2501], ["validating", 5001]]
    assert report.rows_read == 5001


class _RemoveWhenValidating(_Recorder):
    """Takes a file away as validation starts, after the scan has read it."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def phase(self, name: str, total: int | None) -> None:
        super().phase(name, total)
        if name == "validating":
            self.path.unlink()


@pytest.mark.parametrize("workers", [1, 2])
def test_a_file_gone_before_validation_stops_the_import_as_it_would_serially(
        store: Store, write: Callable[..., Path], workers: int) -> None:
    files = [write("partners.csv", "id,name,kind\np1,One,ngo\n"),
             write("platforms.csv", "id,name\npl,Platform\n")]

    with pytest.raises(FileNotFoundError):
        import_files(store, files, options=ImportOptions(validate_workers=workers),
                     progress=_RemoveWhenValidating(files[1]))

    assert nodes(store, "Partner", "id") == set()


def test_past_the_error_cap_workers_hand_over_and_the_serial_pass_stops_where_it_would(
        store: Store, write: Callable[..., Path], monkeypatch) -> None:
    # Two sources of 700 bad rows each: neither worker reaches the cap alone, the serial
    # pass does (in the second file), and stops there.
    bad = "".join(f"p{i},Partner {i},pirates\n" for i in range(700))
    files = [write("partners.csv", "id,name,kind\n" + bad),
             write("partners_more.csv", "id,name,kind\n" + bad.replace("p", "q"))]

    seen = _both(store, files, monkeypatch=monkeypatch, paths=[("forked", False)])

    assert len(seen["errors"]) == validation.MAX_ERRORS + 1
    assert seen["errors"][-1]["reason"] == (
        "stopped after 1,000 errors; 400 more rows not checked: fix these and import again")
    assert seen["rows_read"] == 1400 and seen["rows_rejected"] == 1000
