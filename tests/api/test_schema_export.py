"""docs/schema.graphql is the schema the code serves; regenerate it with
`python -c "from api.schema import sdl; open('docs/schema.graphql','w').write(sdl())"`."""

from __future__ import annotations

from pathlib import Path

from graphql import build_schema as parse_sdl

from api.schema import sdl

EXPORT = Path(__file__).resolve().parents[2] / "docs" / "schema.graphql"


def test_exported_schema_matches_the_code() -> None:
    assert EXPORT.read_text(encoding="utf-8") == sdl(), (
        "docs/schema.graphql is stale: regenerate it (see this module's docstring)")


def test_schema_has_no_get_only_or_batch_surface() -> None:
    text = sdl()
    assert "type Query" in text and "type Mutation" in text
    # Read back from the exported text (arguments carry descriptions, so not as one line).
    upload = parse_sdl(text).mutation_type.fields["importFile"].args["file"]  # type: ignore[union-attr]
    assert str(upload.type) == "Upload!"
