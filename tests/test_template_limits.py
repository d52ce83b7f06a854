"""Caption templates and layout text cannot hang a batch: loops, exponents, repeated text and
output are bounded, each a template error naming the file and line. The attacks run in a
subprocess with CPU-time and memory limits, so a regression fails instead of hanging CI."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ATTACKS = {
    "nested-range": "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}"
    "{% endfor %}",
    "huge-range": "{% for i in range(10**9) %}{% endfor %}",
    "append-while-looping": "{% set xs = [1] %}{% for x in xs %}{% set _ = xs.append(x) %}"
    "{% endfor %}",
    "lipsum": "{{ lipsum(1000000) }}",
    "power": "{{ 9 ** 99999999 }}",
    "repeat": "{{ 'x' * 10**9 }}",
    "output": "{% for i in range(100000) %}{{ 'abcdefghijklmnopqrstuvwxyz' * 4 }}{% endfor %}",
    "recursion": "{% macro f(n) %}{{ f(n + 1) }}{% endmacro %}\n\n{{ f(0) }}",
}

SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from humaskit.errors import TemplateError
    from humaskit.text.templating import environment, render_template

    folder = Path(sys.argv[1])
    env = environment((folder,))
    out = {}
    for path in sorted(folder.glob("*.j2")):
        try:
            render_template(env, path.name, {})
            out[path.stem] = None
        except TemplateError as error:
            out[path.stem] = [str(error.location.file), error.location.line, error.message]
    print(json.dumps(out))
    """
)


def _limits() -> None:
    resource.setrlimit(resource.RLIMIT_CPU, (60, 60))
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


@pytest.mark.skipif(sys.platform != "linux", reason="rlimits are enforced on Linux")
def test_hostile_templates_are_refused_within_bounds(tmp_path: Path) -> None:
    for name, source in ATTACKS.items():
        (tmp_path / f"{name}.j2").write_text(source, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)],
        preexec_fn=_limits,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    refused = json.loads(result.stdout)
    assert set(refused) == set(ATTACKS)
    for name, where in refused.items():
        assert where is not None, f"{name} rendered"
        file, line, _message = where
        assert file.endswith(f"{name}.j2"), where
        if name != "output":  # the output's size belongs to the whole template, not to a line
            assert line is not None and line >= 1, where


def test_ordinary_loops_and_arithmetic_still_work(tmp_path: Path) -> None:
    from humaskit.text.templating import environment, render_template

    (tmp_path / "ok.j2").write_text(
        "{% for i in range(3) %}{{ i }}{% endfor %} {{ 2 ** 10 }} {{ '-' * 3 }}", encoding="utf-8"
    )
    assert render_template(environment((tmp_path,)), "ok.j2", {}) == "012 1024 ---"


def test_layout_text_gets_the_same_bounds() -> None:
    from humaskit.errors import TemplateError
    from humaskit.layout.loader import parse_layout
    from humaskit.layout.schema import Layout

    layout = parse_layout(
        'layers:\n  - id: t\n    type: text\n    text: "{{ 9 ** 99999999 }}"\n    font: body\n'
        "    color: text_on_light\n",
        "bomb.yaml",
    )
    assert isinstance(layout, Layout)
    layer = layout.layers[0]
    compiled = layer.text  # type: ignore[attr-defined]
    with pytest.raises(TemplateError) as caught:
        layout.evaluate(layer, compiled, {}, render=True)
    assert caught.value.location.file == "bomb.yaml"


def test_a_layout_with_too_many_layers_is_refused_with_its_line() -> None:
    from humaskit.errors import TemplateError
    from humaskit.layout.loader import MAX_LAYERS, parse_layout

    layer = "  - {id: r%d, type: rect, color: primary}\n"
    text = "name: x\nlayers:\n" + "".join(layer % i for i in range(MAX_LAYERS + 1))
    with pytest.raises(TemplateError) as caught:
        parse_layout(text, "many.yaml")
    assert caught.value.location.line == 3  # where the list of layers starts
    assert caught.value.location.field == "layers"


def test_a_layout_alias_bomb_is_refused_before_it_is_built() -> None:
    from humaskit.errors import TemplateError
    from humaskit.layout.loader import parse_layout

    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 8)]
    text = "name: x\n" + "\n".join(lines) + "\nlayers: [*a7]\n"  # 9**8 nodes once expanded
    with pytest.raises(TemplateError) as caught:
        parse_layout(text, "bomb.yaml")
    assert caught.value.location.file == "bomb.yaml"
