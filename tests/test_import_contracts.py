"""The import contracts of pyproject.toml ([tool.importlinter]) hold.

`lint-imports` checks them statically, counting every import: top-level ones,
imports inside functions and ``if TYPE_CHECKING:`` ones. The contracts: the
core imports neither Textual nor Rich, the model imports neither the notes nor
the UI, widgets do not import screens, the layers from the command line down
to the model, and no import cycles at any level of the package.
(tests/test_import_hygiene.py checks the first at run time too.)

Nothing is written: the cache of import-linter is turned off and it runs in a
temporary folder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: Runs the `lint-imports` console script's function with this interpreter.
LINT_IMPORTS = "import sys; from importlinter.cli import lint_imports_command; sys.exit(lint_imports_command())"


def lint_imports(config: Path, cwd: Path, pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ)
    if pythonpath is not None:
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(pythonpath), env.get("PYTHONPATH")]))
    return subprocess.run(
        [sys.executable, "-c", LINT_IMPORTS, "--no-cache", "--no-logo", str(config)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_import_linter_is_installed():
    result = subprocess.run([sys.executable, "-c", "import importlinter"], capture_output=True, text=True)
    assert result.returncode == 0, 'import-linter is missing: pip install -e ".[test]"\n' + result.stderr


def test_the_import_contracts_hold(tmp_path):
    result = lint_imports(ROOT / "pyproject.toml", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout
    assert list(tmp_path.iterdir()) == [], "lint-imports wrote something"


def test_the_contracts_see_imports_inside_functions_and_for_type_checking(tmp_path):
    """On a tiny package with a cycle made of an import inside a function and a
    type-checking one, and a forbidden import inside a function, the same kind
    of contracts (and the same settings) as pyproject.toml's break."""
    package = tmp_path / "src" / "cyclic_pkg"
    package.mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("def f():\n    from cyclic_pkg import b\n    return b\n")
    (package / "b.py").write_text(
        "from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    from cyclic_pkg import a\n"
    )
    (package / "c.py").write_text("def g():\n    import textual\n    return textual\n")
    config = tmp_path / "contracts.toml"
    config.write_text(
        '[tool.importlinter]\nroot_package = "cyclic_pkg"\ninclude_external_packages = true\n'
        "exclude_type_checking_imports = false\n\n"
        '[[tool.importlinter.contracts]]\nname = "acyclic"\ntype = "acyclic_siblings"\nancestors = ["cyclic_pkg"]\n\n'
        '[[tool.importlinter.contracts]]\nname = "no ui"\ntype = "forbidden"\n'
        'source_modules = ["cyclic_pkg.c"]\nforbidden_modules = ["textual"]\n'
    )
    result = lint_imports(config, cwd=tmp_path, pythonpath=tmp_path / "src")
    assert result.returncode != 0, result.stdout + result.stderr
    assert "0 kept, 2 broken" in result.stdout, result.stdout + result.stderr
    assert "No cycles are allowed in cyclic_pkg" in result.stdout
    assert "cyclic_pkg.c -> textual" in result.stdout
