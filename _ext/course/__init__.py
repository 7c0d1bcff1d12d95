"""Local Sphinx extensions of the course, loaded by Jupyter Book as ``course``.

Each concern lives in its own module; this package only switches them on.
"""

from sphinx.application import Sphinx

MODULES = (
    "course.settings",
    "course.strict",
    "course.facts",
    "course.quiz",
    "course.latex",
    "course.editions",
    "course.downloads",
    "course.printables",
    "course.fillin",
    "course.theme",
    "course.meta",
    "course.classplan",
    "course.more",
    "course.checks",
    "course.wayfinding",
    "course.figure",
    "course.i18n",
    "course.languages",
)


def setup(app: Sphinx) -> dict:
    for module in MODULES:
        app.setup_extension(module)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
