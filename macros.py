"""mkdocs-macros entry point: registers the atlas's macros and nothing else.

Each macro returns a page body built by atlas.pages from the validated records; record
text is escaped there and never passes through Jinja as template code.
"""

from atlas import pages
from atlas.build_state import current_atlas


def define_env(env):
    def base() -> str:
        """Relative path from the page being rendered to the site root."""
        depth = env.page.url.count("/") if env.page.url else 0
        return "../" * depth

    def edit_base():
        return env.conf.get("repo_url")

    @env.macro
    def jurisdiction_page(jid: str) -> str:
        return pages.render_jurisdiction_page(current_atlas(), jid, base(), edit_base())

    @env.macro
    def right_page(rid: str) -> str:
        return pages.render_right_page(current_atlas(), rid, base(), edit_base())

    @env.macro
    def instrument_page(iid: str) -> str:
        return pages.render_instrument_page(current_atlas(), iid, base(), edit_base())

    @env.macro
    def goal_page(goal: str) -> str:
        return pages.render_goal_page(current_atlas(), goal, base())

    @env.macro
    def places_index() -> str:
        return pages.render_places_index(current_atlas(), base())

    @env.macro
    def rights_index() -> str:
        return pages.render_rights_index(current_atlas(), base())

    @env.macro
    def instruments_index() -> str:
        return pages.render_instruments_index(current_atlas(), base())

    @env.macro
    def coverage_table() -> str:
        return pages.render_coverage(current_atlas(), base())

    @env.macro
    def goals_index() -> str:
        return pages.render_goals_index(current_atlas(), base())

    @env.macro
    def compare_page(area: str) -> str:
        return pages.render_compare_page(current_atlas(), area, base())

    @env.macro
    def compare_index() -> str:
        return pages.render_compare_index(current_atlas(), base())

    @env.macro
    def finder() -> str:
        return pages.render_finder(current_atlas(), base())
