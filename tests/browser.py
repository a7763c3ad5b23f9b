"""What the browser tests share: a record of CSP violations, and the sitemap Material's
instant navigation reads, pointed at the test server."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

# Every violation of the page's Content-Security-Policy, as the browser reports it.
CSP_VIOLATIONS = """document.addEventListener("securitypolicyviolation", e =>
  (window.__csp = window.__csp || []).push(`${e.violatedDirective} ${e.blockedURI}`));"""


def instant_navigation_on(context: Any, base: str, site: Path) -> None:
    """Let Material's instant navigation work on the test server, as it does on the host.

    Material intercepts a click only on a link the sitemap lists, comparing URLs after moving
    the sitemap's to the page's protocol and host name but not its port: the sitemap names the
    hosted site (``site_url``), so on a server with a port every click would reload the page.
    The context gets the built sitemap with the test server's address in place of the host's.
    """
    built = (site / "sitemap.xml").read_text(encoding="utf-8")
    sitemap = re.sub(r"<loc>https?://[^/<]+/", f"<loc>{base}", built)
    context.route(
        "**/sitemap.xml", lambda route: route.fulfill(body=sitemap, content_type="application/xml")
    )


def wait_for_material(page: Any) -> None:
    """Wait until Material's bundle, loaded after the first paint, has set the page up: it
    publishes its observables (``component$``, …) as it runs, and the loader then fires the
    DOMContentLoaded on which it mounts its components, in the same task."""
    page.wait_for_function("() => window.component$ !== undefined")


def mount_code_blocks(page: Any) -> None:
    """Bring every shown code block of the page into view once, so that Material (whose
    ``content.lazy`` mounts a code block when it first comes into view) has given each its
    copy button; then back to the top."""
    blocks = page.locator("pre > code:visible")
    for i in range(blocks.count()):
        blocks.nth(i).scroll_into_view_if_needed()
    page.wait_for_function(
        """() => [...document.querySelectorAll("pre > code")]
            .filter(code => code.checkVisibility())
            .every(code => code.parentElement.querySelector(".md-code__button"))"""
    )
    page.evaluate("window.scrollTo(0, 0)")
