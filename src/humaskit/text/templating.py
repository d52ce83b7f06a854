"""The one Jinja2 sandbox that renders caption templates and layout text values.

Templates are looked up in the user's ``templates/`` folder first, then in the built-ins, so a
same-named file overrides. Rendering happens in a :class:`~jinja2.sandbox.SandboxedEnvironment`
with ``StrictUndefined``: a template from an untrusted contributor can neither reach Python
internals nor files, and a misspelt variable is an error, not an empty string. Every Jinja error
becomes a :class:`~humaskit.errors.TemplateError` naming the template file and line.
"""

from __future__ import annotations

import contextlib
import hashlib
import sys
from collections.abc import Callable, Iterator, Mapping
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from types import CodeType, TracebackType
from typing import TYPE_CHECKING, Any

from humaskit.errors import Location, TemplateError
from humaskit.i18n import _
from humaskit.model.workspace import templates_entry
from humaskit.resources import builtin_templates_dir, user_cache_dir

if TYPE_CHECKING:
    from jinja2.sandbox import SandboxedEnvironment


# Bounds on what one render may do, so that a contributed template cannot hang a batch: range
# items iterated, the largest exponent and repeated-sequence length, and the output's size.
MAX_ITERATIONS = 100_000
MAX_EXPONENT = 1_000
MAX_SEQUENCE = 100_000
MAX_OUTPUT = (
    8_000_000  # four times the release size cap: a caption may print the body more than once
)

_iterations: ContextVar[int] = ContextVar("humaskit_template_iterations", default=0)


class TemplateLimit(Exception):
    """A template went past one of the bounds above."""


def fresh_budget() -> None:
    """Start counting a new render's iterations (each render gets the whole budget)."""
    _iterations.set(0)


def _bounded_range(*args: int) -> Iterator[int]:
    numbers = range(*args)
    if len(numbers) > MAX_ITERATIONS:
        raise TemplateLimit(_("range() of more than {limit} numbers.").format(limit=MAX_ITERATIONS))
    for number in numbers:
        spent = _iterations.get() + 1
        if spent > MAX_ITERATIONS:
            raise TemplateLimit(
                _("loops ran more than {limit} times.").format(limit=MAX_ITERATIONS)
            )
        _iterations.set(spent)
        yield number


def search_path(subfolder: str, user_templates: Path | None) -> list[Path]:
    """The folders a template named in ``subfolder`` is looked for in, user's first.

    Raises:
        TemplateError: the user's ``subfolder`` is a link to a folder outside ``user_templates``
            (:func:`~humaskit.model.workspace.templates_entry`).
    """
    folders = []
    own = templates_entry(user_templates, subfolder)
    if own is not None and own.is_dir():
        folders.append(own)
    folders.append(builtin_templates_dir() / subfolder)
    return folders


def contained_loader(folders: tuple[Path, ...]) -> Any:
    """A file loader that refuses a template whose real path leaves its folder.

    Jinja already refuses ``..`` in names; a symlink in a contributed templates folder could still
    point at any file on the machine, so the resolved path is checked too: it must lie in the
    resolved folder, which :func:`search_path` has confined to the templates folder.
    """
    from jinja2 import FileSystemLoader, TemplateNotFound

    class ContainedLoader(FileSystemLoader):
        def get_source(self, environment: Any, template: str) -> Any:
            source, filename, uptodate = super().get_source(environment, template)
            real = Path(filename).resolve()
            if not any(real.is_relative_to(Path(f).resolve()) for f in self.searchpath):
                raise TemplateNotFound(template)
            return source, filename, uptodate

    return ContainedLoader([str(f) for f in folders])


def bytecode_cache(tag: str) -> Any:
    """jinja2's cache of compiled templates in ``templates/<hash of tag>/`` of the user cache.

    jinja2 keys each entry by the template's name and file and checks a checksum of its source,
    so an edited template is compiled again; ``tag`` names everything else the compiled code
    depends on. Without a writable cache folder templates are compiled in every process, as
    before (None: no cache).
    """
    from jinja2 import FileSystemBytecodeCache

    class QuietCache(FileSystemBytecodeCache):
        """A cache that cannot be written or read is no cache, not an error."""

        def load_bytecode(self, bucket: Any) -> None:
            try:
                super().load_bytecode(bucket)
            except (OSError, EOFError, ValueError, TypeError):
                bucket.reset()

        def dump_bytecode(self, bucket: Any) -> None:
            with contextlib.suppress(OSError):
                super().dump_bytecode(bucket)

    folder = user_cache_dir() / "templates" / hashlib.sha256(tag.encode()).hexdigest()[:16]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return QuietCache(str(folder))


@cache
def environment(
    folders: tuple[Path, ...],
    filters: tuple[tuple[str, Callable[..., Any]], ...] = (),
    *,
    autoescape: bool = False,
) -> SandboxedEnvironment:
    """A sandboxed environment loading templates from ``folders`` (cached per folder list).

    ``autoescape`` is for HTML pages, where user text (captions, titles, alt texts) is shown.
    Everywhere else (captions, card text, alt texts) printing ``None`` is an error, not the word
    "None" on a published card: a template shows an optional value under ``{% if %}``.
    """
    import jinja2
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    class BoundedSandbox(ImmutableSandboxedEnvironment):
        """The sandbox, immutable (no list may grow while it is looped over), with bounds on
        exponents, repeated sequences and loops."""

        intercepted_binops = frozenset({"**", "*"})

        def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
            if operator == "**" and isinstance(right, int | float) and abs(right) > MAX_EXPONENT:
                raise TemplateLimit(_("an exponent over {limit}.").format(limit=MAX_EXPONENT))
            if operator == "*":
                for seq, count in ((left, right), (right, left)):
                    if (
                        isinstance(seq, str | list | tuple)
                        and isinstance(count, int)
                        and len(seq) * count > MAX_SEQUENCE
                    ):
                        raise TemplateLimit(
                            _("a repeated text or list longer than {limit}.").format(
                                limit=MAX_SEQUENCE
                            )
                        )
            return super().call_binop(context, operator, left, right)

    options = {
        "undefined": StrictUndefined,
        "autoescape": autoescape,
        "trim_blocks": True,
        "lstrip_blocks": True,
        "keep_trailing_newline": False,
    }
    # What the compiled code depends on besides the source: jinja2 and Python, the options, the
    # sandbox's intercepted operators and the filter names (checked when compiling).
    tag = repr(
        (
            jinja2.__version__,
            sys.version_info[:2],
            sorted(options.items(), key=lambda item: item[0]),
            sorted(BoundedSandbox.intercepted_binops),
            sorted(name for name, _filter in filters),
        )
    )
    env = BoundedSandbox(
        loader=contained_loader(folders),
        bytecode_cache=bytecode_cache(tag),
        **options,
        **({} if autoescape else {"finalize": _none_as_empty}),
    )
    env.filters.update(dict(filters))
    env.globals["range"] = _bounded_range
    del env.globals["lipsum"]  # no use in a caption, and lipsum(10**6) would run for minutes
    return env


def _none_as_empty(value: Any) -> Any:
    """Jinja's ``finalize``: every ``{{ … }}`` passes here before it is printed.

    An absent value prints as nothing, never as the word "None". (Refusing it instead would stop
    a whole card for one optional field; the built-in templates guard their optional fields with
    ``{% if … %}``, and tests render every kind with its optional fields absent.)
    """
    return "" if value is None else value


def _template_line(tb: TracebackType | None, name: str) -> tuple[str | None, int | None]:
    """The template file and line a render error happened at, from Jinja's rewritten traceback."""
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith((".j2", ".jinja", ".yaml", ".txt")) or filename == "<template>":
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def render_template(env: SandboxedEnvironment, name: str, context: Mapping[str, Any]) -> str:
    """Render template ``name`` with ``context``; any failure becomes a TemplateError."""
    from jinja2 import TemplateNotFound, TemplateSyntaxError
    from jinja2.exceptions import SecurityError, UndefinedError
    from jinja2.exceptions import TemplateError as JinjaError

    try:
        template = env.get_template(name)
    except TemplateNotFound as exc:
        raise TemplateError(
            _("The template {name!r} was not found.").format(name=exc.name or name),
            hint=_("Check its name, or remove the file that refers to it."),
            location=Location(name),
        ) from None
    except TemplateSyntaxError as exc:
        raise TemplateError(
            _("Template syntax error: {problem}.").format(problem=exc.message),
            hint=_("Check the {{ }} and {% %} tags on that line."),
            location=Location(exc.filename or name, None, exc.lineno),
        ) from None
    fresh_budget()
    try:
        return _bounded_output(template.generate(context))
    except (
        UndefinedError,
        TemplateLimit,
        RecursionError,
        SecurityError,
        JinjaError,
        TypeError,
        ValueError,
        ArithmeticError,
    ) as exc:
        filename, line = _template_line(exc.__traceback__, name)
        if isinstance(exc, TemplateLimit):
            what = _("The template went past a limit: {problem}")
        elif isinstance(exc, RecursionError):
            what = _("The template calls itself without end.")
        elif isinstance(exc, SecurityError):
            what = _("The template tried something that is not allowed: {problem}.")
        else:
            what = _("The template failed: {problem}.")
        raise TemplateError(
            what.format(problem=exc),
            hint=_("Templates may only use the documented variables (see README)."),
            location=Location(filename or template.filename or name, None, line),
        ) from None


def render_string(source: str, context: Mapping[str, Any], *, origin: Location) -> str:
    """Render one Jinja expression or snippet (a layout's text value) in the sandbox."""
    from jinja2 import TemplateSyntaxError

    env = environment(())
    try:
        template = env.from_string(source)
    except TemplateSyntaxError as exc:
        raise TemplateError(
            _("Template syntax error: {problem}.").format(problem=exc.message),
            hint=_("Check the {{ }} and {% %} tags."),
            location=origin,
        ) from None
    fresh_budget()
    try:
        return _bounded_output(template.generate(context))
    except Exception as exc:  # any failure of user template code is the template's problem
        raise TemplateError(
            _("The template failed: {problem}.").format(problem=exc),
            hint=_("Templates may only use the documented variables (see README)."),
            location=origin,
        ) from None


def _bounded_output(chunks: Iterator[str]) -> str:
    """Join a template's output, stopping once it is longer than any caption could be."""
    parts: list[str] = []
    size = 0
    for chunk in chunks:
        size += len(chunk)
        if size > MAX_OUTPUT:
            raise TemplateLimit(
                _("more than {limit} characters of output.").format(limit=MAX_OUTPUT)
            )
        parts.append(chunk)
    return "".join(parts)


class SnippetSyntaxError(Exception):
    """A template or expression that does not parse: Jinja's message and the line within it."""

    def __init__(self, message: str | None, lineno: int | None) -> None:
        super().__init__(message)
        self.message = message
        self.lineno = lineno


def compile_snippet(source: str, *, expression: bool = False) -> Any:
    """Compile a template (or, with ``expression``, one expression) in the sandbox, to run later
    with ``.render(scope)`` (or call with the scope as keywords).

    Raises:
        SnippetSyntaxError: ``source`` does not parse.
    """
    from jinja2 import TemplateSyntaxError
    from jinja2.environment import TemplateExpression

    env = environment(())  # the sandbox the captions render in
    try:
        if expression:
            code = _compiled(env, "expression", source, lambda: _expression_code(env, source))
        else:
            code = _compiled(env, "template", source, lambda: env.compile(source))
    except TemplateSyntaxError as exc:
        raise SnippetSyntaxError(exc.message, exc.lineno) from exc
    # What env.from_string and env.compile_expression do with the code they compile.
    template = env.template_class.from_code(env, code, env.make_globals(None), None)
    return TemplateExpression(template, True) if expression else template


def _expression_code(env: Any, source: str) -> CodeType:
    """The code ``env.compile_expression(source)`` runs: ``result = <expression>``."""
    from jinja2 import TemplateSyntaxError, nodes
    from jinja2.parser import Parser

    parser = Parser(env, source, state="variable")
    expr = parser.parse_expression()
    if not parser.stream.eos:
        raise TemplateSyntaxError("chunk after expression", parser.stream.current.lineno)
    expr.set_environment(env)
    body = [nodes.Assign(nodes.Name("result", "store"), expr, lineno=1)]
    code: CodeType = env.compile(nodes.Template(body, lineno=1))
    return code


def _compiled(env: Any, kind: str, source: str, compile_: Callable[[], CodeType]) -> CodeType:
    """``compile_()``, kept in the environment's bytecode cache between processes.

    A layout's text values are ~20–130 snippets of Jinja each, 1–3 ms apiece to compile: most
    of the time a process spends reading a layout. jinja2's cache keys an entry by a name (here
    the kind and a hash of the source) and checks the source's checksum, so another source is
    never served; the tag of :func:`environment` covers jinja2, Python and the options.
    """
    cache = env.bytecode_cache
    if cache is None:
        return compile_()
    name = f"snippet:{kind}:{hashlib.sha256(source.encode()).hexdigest()}"
    bucket = cache.get_bucket(env, name, None, source)
    if bucket.code is None:
        bucket.code = compile_()
        cache.set_bucket(bucket)
    code: CodeType = bucket.code
    return code
