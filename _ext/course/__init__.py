"""Local Sphinx extensions of the course, loaded by Jupyter Book as ``course``.

Each concern lives in its own module; this package only switches them on.
"""

from sphinx.application import Sphinx

MODULES = (
    "course.settings",
    "course.facts",
    "course.quiz",
    "course.latex",
    "course.theme",
    "course.meta",
    "course.classplan",
    "course.more",
    "course.figure",
)


def setup(app: Sphinx) -> dict:
    for module in MODULES:
        app.setup_extension(module)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
