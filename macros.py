"""mkdocs-macros entry point: registers the atlas's page renderers as macros and nothing else.

The renderers live in atlas.render.PAGE_MACROS, which `python -m atlas render` calls directly,
so the MkDocs build and the rendered Markdown are the same pages. Each returns a page body built
by atlas.pages from the validated records; record text is escaped there and never passes
through Jinja as template code.
"""

from atlas.build_state import current_atlas
from atlas.render import PAGE_MACROS, PageContext


def define_env(env):
    def page_context() -> PageContext:
        return PageContext(env.page.url or "", env.conf.get("repo_url") or None, env.conf.get("site_url") or None)

    def as_macro(name, render):
        def macro(*arguments):
            return render(current_atlas(), page_context(), *arguments)

        macro.__name__ = name
        return macro

    for name, render in PAGE_MACROS.items():
        env.macro(as_macro(name, render), name)
