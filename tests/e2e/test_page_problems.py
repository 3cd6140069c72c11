"""The browser tests' watch over what users would not see: it reports, and a reused context starts clean."""

from __future__ import annotations

from tests.e2e.conftest import ContextPool, PageProblems, signed_in


def test_missing_files_and_a_script_error_are_reported_but_not_a_page_answering_4xx(browser, live_server):
    context = browser.new_context()
    try:
        page = context.new_page()
        problems = PageProblems()
        problems.watch(page)
        page.goto(f"{live_server}/jobs/999999")  # a page answering 4xx on purpose is its test's to check
        assert problems.items == []
        # A page of the site's address, drawn by the test, that asks for a style sheet the server lacks.
        page.route(f"{live_server}/drawn-by-the-test", lambda route: route.fulfill(
            content_type="text/html", body='<link rel="stylesheet" href="/static/missing-style.css">'
                                           '<img src="/static/missing-logo.png" alt="">'
                                           "<script>undefined_function()</script>"))
        page.goto(f"{live_server}/drawn-by-the-test", wait_until="networkidle")
        problems.stop()
    finally:
        context.close()
    reported = "\n".join(problems.items)
    assert "HTTP 404" in reported and "missing-logo.png" in reported, reported
    assert "missing-style.css" in reported, reported
    assert "script error" in reported and "undefined_function" in reported, reported


def test_a_context_given_back_comes_again_without_cookies(new_page, accounts):
    first = new_page()
    signed_in(first, accounts.employer.email)
    assert first.context.cookies()
    context = first.context
    first.goto("/employer/")
    assert "/login" not in first.url
    # The pool gives a context to the next test once this one is over: empty it here, as it would be.
    pool = ContextPool(context.browser, first.url.split("/employer")[0])
    pool.give_back(first, "fr-FR")
    again = pool.take("fr-FR")
    assert again is first and again.context.cookies() == [] and again.url == "about:blank"
    again.goto("/employer/")
    assert "/login" in again.url
