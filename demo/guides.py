"""Demo Developer Guides: the index and five guides, with the topics and questions the real hub has.

The question titles follow the hub's guides; every intro, summary and answer is written for the demo.
An answer is meant to teach on its own: a few paragraphs and, where it helps, a command, a query or a
check the reader can try, built from the blocks editors answer with (code, quotes, links).
The seed gives no dates for the guides, so each carries a fixed date of our own (never the install day).
"""

import datetime

from wagtail.models import Page

from demo.about import demo_author
from demo.articles import code, prose
from demo.pages import ensure_child
from demo.topics import topics_by_slug
from guides.models import GuideIndexPage, GuidePage


def q(question, *parts):
    """A question and its answer, in reading order: text is a paragraph (or a list), a block stays a block."""
    return {"question": question, "answer": [part if isinstance(part, tuple) else _paragraph(part) for part in parts]}


def _paragraph(text):
    return prose(text if text.startswith(("<ul>", "<ol>")) else f"<p>{text}</p>")


def quote(words, said_by, source_url):
    return ("quote", {"quote": words, "attribution": said_by, "source_url": source_url})


def links(*items):
    """Further reading: (link text, web address, why read it) for each link.

    No heading: a heading names the list as a landmark, and a guide with two lists would have two alike.
    """
    return ("resources", {"heading": "", "links": [{"title": t, "url": u, "description": d} for t, u, d in items]})


def section(title, intro="", questions=()):
    return ("section", {"title": title, "intro": f"<p>{intro}</p>" if intro else "", "questions": list(questions)})


DJANGO_DOCS = "https://docs.djangoproject.com/en/5.2"

GUIDES = [
    {
        "slug": "career",
        "date": datetime.datetime(2024, 2, 10, 9, 0, tzinfo=datetime.UTC),
        "title": "Career",
        "summary": "Where to look for advice about your career, and how to weigh what you hear.",
        "intro": "Advice about a career in software is everywhere. This guide helps you choose whom to ask.",
        "topics": ["career", "community"],
        "body": [
            section(
                "Consider the source of advice",
                "Every piece of advice reflects the life of the person giving it. Before acting on it, ask what "
                "they know about your situation and what they gained from the path they recommend.",
            ),
            section(
                "Finding career guidance",
                "Good guidance comes from several places, each with its own blind spots.",
                [
                    q(
                        "Determine where you want to go",
                        "Advice is only useful once you know what it is for. Before asking anyone, spend half an "
                        "hour writing down what you want the next two or three years to give you. Be specific: "
                        "the problems you want to work on, how much of your day you want to spend writing code "
                        "and how much talking with people, where you want to live, what you need to earn, and "
                        "what you never want to do again.",
                        "Three questions help when the page stays blank:",
                        "<ul><li>What did I enjoy most in the last six months, and what drained me?</li>"
                        "<li>Whose job would I happily swap for mine, and why?</li>"
                        "<li>What would I like to be known for in my team in two years?</li></ul>",
                        "You do not need a five-year plan, and the answers will change. What matters is having "
                        "something to hold advice against: “become a manager” is good advice for someone who "
                        "wants to grow a team and poor advice for someone who wants to go deep on databases.",
                    ),
                    q(
                        "Finding career guidance from friends and family",
                        "Friends and family rarely know what a staff engineer does or how promotions work in "
                        "your company, and that is fine: it is not what you ask them about. They have watched "
                        "you for years, across jobs and moods, and they notice what you cannot see from the "
                        "inside. Ask them what only they can answer: when have I seemed happiest at work? What "
                        "do I talk about when I come home full of energy? What do I complain about again and "
                        "again?",
                        "Be careful with their advice about the industry itself. It often comes from wanting "
                        "you to be safe, or from how work looked a generation ago. Take their observations "
                        "seriously and their plans for you lightly, and thank them for both: people who know "
                        "you well are the ones who will tell you when a “great opportunity” is making you "
                        "miserable.",
                    ),
                    q(
                        "Finding career guidance from colleagues",
                        "Colleagues see the work you actually do, so they can give the most concrete feedback "
                        "you will get. A peer who reviews your pull requests knows whether your code is easy to "
                        "read; a lead knows which of your projects people still mention. Ask for recent, "
                        "specific cases rather than general impressions: “What is one thing I could have "
                        "done better in the billing migration?” gets a far better answer than “How am I "
                        "doing?”",
                        "For direction, talk to people one or two steps ahead of you, inside your company or "
                        "outside it. They still remember the step you are about to take, including its dull "
                        "parts. Keep in mind that a colleague's advice is shaped by your shared employer: your "
                        "manager can honestly want you to grow and still prefer that you grow without "
                        "leaving.",
                    ),
                    q(
                        "Finding career guidance from content",
                        "Blog posts, books, podcasts and conference talks let you learn from people you would "
                        "never meet, and they describe paths you may not know exist. Their weakness is that they "
                        "are written for everyone, usually by people for whom the advice worked. We rarely hear "
                        "from those who followed the same path and regretted it.",
                        "Read with a question in mind, and note where the author's situation differs from yours: "
                        "the country, the size of the company, the year, whether they had savings to fall back "
                        "on. Then turn what convinces you into a small experiment instead of a plan. If a talk "
                        "persuades you that writing helps a career, publish one short post about a bug you "
                        "fixed this month and see what it brings. If it brings nothing, you have lost an "
                        "evening, not a year.",
                    ),
                    q(
                        "Choosing where to find guidance",
                        "No single source sees the whole picture, so combine them on purpose. For a real "
                        "decision, such as a job offer or a move into management, we suggest asking three kinds "
                        "of people: someone who knows you well, someone who knows the work, and someone who has "
                        "watched many careers, such as a long-serving manager or a mentor from a community like "
                        "Djangonaut Space or your local Python user group.",
                        "When their advice disagrees, do not average it. Ask each of them why, and look for the "
                        "assumptions behind the answer. Disagreement usually means they are answering different "
                        "questions, and working out which question is yours is most of the decision. Notice, "
                        "too, whose advice you keep asking for and whose you avoid: that tells you what you are "
                        "hoping to hear.",
                        links(
                            (
                                "Djangonaut Space",
                                "https://djangonaut.space/",
                                "a mentoring programme for people contributing to Django and its ecosystem",
                            )
                        ),
                    ),
                    q(
                        "The importance of self-reflection",
                        "Advice only becomes useful once you compare it with your own experience, and memory is "
                        "a poor record of experience. Keep a short work journal: at the end of each week, a few "
                        "lines on what you did, what went well, what you would do differently and what you "
                        "learned. It takes five minutes, and it makes every conversation with a mentor or a "
                        "manager more honest, because you can point to what happened rather than to how you "
                        "remember it.",
                        quote(
                            "The first principle is that you must not fool yourself—and you are the easiest "
                            "person to fool.",
                            "Richard Feynman, Cargo Cult Science (1974)",
                            "",
                        ),
                        "Every few months, read it back. Look for patterns: the tasks you kept postponing, the "
                        "days you lost track of time, the feedback that came up twice. Those patterns are advice "
                        "from the person who knows your situation best.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "code-review",
        "date": datetime.datetime(2023, 5, 20, 9, 0, tzinfo=datetime.UTC),
        "title": "Code Review",
        "summary": "Questions to ask yourself before, during and after reviewing someone else's change.",
        "intro": "A review is a conversation about a change. These questions keep it useful and kind.",
        "topics": ["code-review", "testing"],
        "body": [
            section(
                "Check yourself",
                "Start with your own approach before looking at the code.",
                [
                    q(
                        "Should you have a talk with the developer before reviewing the code?",
                        "Usually not: a change should explain itself through its description, its commits and "
                        "its tests, and when it cannot, that is worth a comment of its own. But some changes are "
                        "better started with a short conversation: a large pull request, a new design, a part of "
                        "the code you do not know, or the first pull request of someone who has just joined the "
                        "team.",
                        "Keep the talk short and about intent rather than code. Ask what problem the change "
                        "solves, which alternatives the author considered, what they are least sure of and "
                        "where they would like you to look hardest. Ten minutes on a call can replace a dozen "
                        "comment threads, and it tells you which parts deserve a careful read and which only a "
                        "skim. Afterwards, ask the author to add what you learned to the description of the "
                        "pull request, so the next reader has it too.",
                    ),
                    q(
                        "Should you have a talk with the developer before submitting the review?",
                        "If your review is mostly small suggestions, just submit it. If it says the approach is "
                        "wrong, that the change should be split, or that it clashes with work elsewhere, talk "
                        "first. A long list of written objections arriving at once reads harsher than you meant "
                        "it, and the author may spend a day defending a design you could have agreed on in a "
                        "few minutes.",
                        "In the conversation, explain the concern and then listen: the author may know a "
                        "constraint you missed. Afterwards, still write the review, so the decision and its "
                        "reasons sit next to the code for whoever reads the history later. A summary at the top "
                        "does it:",
                        code(
                            "text",
                            "Summary: on a call we agreed to move the retry logic out of the view\n"
                            "and into the task queue. The comments below are about the rest of the\n"
                            "change.",
                        ),
                    ),
                    q(
                        "Are you leaving too many nitpicky comments?",
                        "Count them. If most of your comments are about naming, spacing or the order of imports, "
                        "the review spends the author's attention on what a tool could settle. Agree on a "
                        "formatter and a linter, run them in CI and in a pre-commit hook, and stop discussing "
                        "what they decide:",
                        code("bash", "ruff format --check .\nruff check .\npre-commit run --all-files"),
                        "For what remains, label each comment so the author knows what must change before the "
                        "merge. Conventional Comments is one shared vocabulary for this: a comment that starts "
                        "with <code>nitpick (non-blocking):</code> may be ignored, one that starts with "
                        "<code>issue (blocking):</code> may not. If you leave the same nitpick in review after "
                        "review, turn it into a lint rule or a line in the team's style guide instead.",
                        links(
                            (
                                "Conventional Comments",
                                "https://conventionalcomments.org/",
                                "labels and decorations that say what a review comment asks for",
                            )
                        ),
                    ),
                    q(
                        "Are you trying to make the other developer write your code?",
                        "Before asking for a change, ask yourself whether the code is wrong, hard to "
                        "understand, or just not what you would have written. Only the first two are a "
                        "reviewer's business. A review that rewrites every function in your own style teaches "
                        "the author to wait for your approval instead of thinking for themselves, and it slows "
                        "down every change after this one.",
                        quote(
                            "In general, reviewers should favor approving a CL once it is in a state where it "
                            "definitely improves the overall code health of the system being worked on, even if "
                            "the CL isn't perfect.",
                            "Google's Engineering Practices, The Standard of Code Review",
                            "https://google.github.io/eng-practices/review/reviewer/standard.html",
                        ),
                        "When you do have a better idea, offer it with its reason and let the author decide. "
                        "“A <code>dict</code> of handlers instead of this <code>if</code> chain would make a new "
                        "case one line” is easy to accept or decline; “rewrite this” is not.",
                    ),
                ],
            ),
            section(
                "Recheck the basics",
                "Small omissions cause most of the trouble after a merge.",
                [
                    q(
                        "CI Passes - automated tests, linter, code coverage, etc",
                        "Look at the checks before you read a line of the diff. If they are red, the author is "
                        "not done, and your comments may be about code that is about to change. If they are "
                        "green, make sure they ran what you think: a new test file the runner does not collect, "
                        "a skipped job or a coverage report from the wrong branch all look green too. With "
                        "GitHub's command line, the checks and the branch are two commands away:",
                        code("bash", "gh pr checks 1234\ngh pr checkout 1234\npython -m pytest tests/orders/"),
                        "Running the tests closest to the change on your own machine takes a minute and catches "
                        "what CI was never told to check. One check worth adding to CI if it is missing: "
                        "<code>python manage.py makemigrations --check --dry-run</code> fails when someone "
                        "changed a model and forgot to generate its migration.",
                    ),
                    q(
                        "Are the migrations/schema changes condensed?",
                        "A feature branch often grows migrations while the design settles: add a field, rename "
                        "it, change its type, make it nullable after all. None of that history is useful once "
                        "the branch is merged, and each step costs time on every deploy and on every test run "
                        "that builds the database. Before the merge, ask for one migration per app that "
                        "describes the final schema.",
                        "If the migrations have never left the branch, the simplest way is to delete them and "
                        "generate them again, then read the SQL Django will run:",
                        code(
                            "bash",
                            "git rm shop/migrations/0013_*.py shop/migrations/0014_*.py\n"
                            "python manage.py makemigrations shop\n"
                            "python manage.py sqlmigrate shop 0013",
                        ),
                        "Migrations that have already been applied to a shared database must not be rewritten "
                        "that way; for those, Django's <code>squashmigrations</code> command replaces a run of "
                        "migrations with one while keeping track of which ones it replaced.",
                    ),
                    q(
                        "Are the code removals thorough?",
                        "Deleting a feature takes more than deleting its view. Search for its name everywhere "
                        "the project refers to things by a string, which no linter follows: URL names in "
                        "templates and <code>reverse()</code> calls, settings, task names, cron entries, feature "
                        "flags, fixtures and documentation.",
                        code(
                            "bash",
                            'git grep -n -i "newsletter"\ngit grep -n "newsletter-signup" -- "*.html" "*.txt"',
                        ),
                        "If a model goes, generate the migration that drops its table, but think about the data "
                        "first: export what you may still need, or keep the table for one more release and drop "
                        "it in the next. Delete the feature's tests as well, since a test for a deleted feature "
                        "either fails or, worse, keeps dead helpers alive. A thorough removal shows up as a diff "
                        "that is almost all red.",
                    ),
                    q(
                        "Are cross-cutting interface changes updated everywhere?",
                        "When a change alters a function's signature, a model field, a signal's arguments or "
                        "the shape of an API response, the diff shows the definition and the callers the author "
                        "found. Your job is to look for the ones they missed, across the whole repository and "
                        "not just the files in the diff:",
                        code(
                            "bash",
                            'git grep -n -w "calculate_total"\ngit grep -n "calculate_total" -- ":!*.py"',
                        ),
                        "The second search finds mentions outside Python: templates, JavaScript, documentation. "
                        "Python will not warn you about a keyword argument that is now swallowed by "
                        "<code>**kwargs</code>, and a Django template renders an attribute that no longer exists "
                        "as an empty string rather than failing. Ask about callers outside the repository too: "
                        "other services, scheduled jobs, data pipelines and mobile apps can depend on the "
                        "interface without appearing in any search.",
                    ),
                ],
            ),
            section(
                "Review the tests",
                questions=[
                    q(
                        "Review testing and deployment procedures",
                        "Every team has habits for getting a change from a branch into production: who tests "
                        "it, where, with which data, and who presses the button. A change that needs something "
                        "different, such as a one-off command, a new environment variable, a data backfill or a "
                        "manual check on staging, must say so, or the step is forgotten at the worst moment.",
                        "A pull request template makes the question routine. GitHub fills in the description "
                        "from <code>.github/pull_request_template.md</code>; a short checklist there is enough:",
                        code(
                            "text",
                            "## Deploying this change\n"
                            "- [ ] No new settings or environment variables\n"
                            "- [ ] Migrations work with the code that is running now\n"
                            "- [ ] Tried on staging with a copy of production data\n"
                            "- [ ] Steps after the deploy: none",
                        ),
                        "When you review, read the ticked boxes as claims to check, not as decoration.",
                    ),
                    q(
                        "Do the tests cover the changes appropriately?",
                        "Read the tests before the code: they should tell you what the change is meant to do. "
                        "Then look for the test that would fail without the change. The quickest way to be sure "
                        "is to put the old code back for a moment and run the new tests; if they still pass, "
                        "they do not test the change:",
                        code(
                            "bash",
                            "git restore --source=main -- shop/pricing.py\n"
                            "python -m pytest tests/shop/test_pricing.py\n"
                            "git restore shop/pricing.py",
                        ),
                        "Coverage reports find lines no test reaches, but a covered line is not a tested one. "
                        "Look for the unhappy paths: invalid input, the empty case, the user without permission, "
                        "the external service that times out. And check that the assertions are about what a "
                        "user or a caller would notice, not about which private helper was called.",
                    ),
                ],
            ),
            section(
                "The tougher bits",
                questions=[
                    q(
                        "Are there changes that impact backwards compatibility?",
                        "Anything someone else relies on is an interface, whether or not you meant it to be: "
                        "URLs people have bookmarked, JSON fields an app reads, the columns of a CSV export, a "
                        "management command in someone's cron, even the order of a list.",
                        quote(
                            "With a sufficient number of users of an API, it does not matter what you promise in "
                            "the contract: all observable behaviors of your system will be depended on by "
                            "somebody.",
                            "Hyrum's Law",
                            "https://www.hyrumslaw.com/",
                        ),
                        "When a change removes or renames one of these, ask for a transition instead of a break. "
                        "An old URL can redirect to its new name, with the same arguments:",
                        code(
                            "python",
                            "path(\n"
                            '    "blog/<slug:slug>/",\n'
                            '    RedirectView.as_view(pattern_name="article-detail", permanent=True),\n'
                            ")",
                        ),
                        "An API field can stay next to its replacement for a release or two, with a line in the "
                        "changelog saying when it goes.",
                    ),
                    q(
                        "Are existing or current sessions impacted?",
                        "A deploy does not start everyone from a clean slate. People are logged in with sessions "
                        "the old code wrote, have forms open that the new code will receive, and keep pages and "
                        "scripts cached in their browsers. Review the change with them in mind. In a Django "
                        "project, look for:",
                        "<ul><li>code that reads a session key the old code never set: "
                        '<code>request.session.get("cart_id")</code> survives it, '
                        '<code>request.session["cart_id"]</code> raises <code>KeyError</code>;</li>'
                        "<li>new values stored in the session that are not JSON-serialisable, which the default "
                        "serializer refuses;</li>"
                        "<li>a renamed form field that a page opened before the deploy will still post;</li>"
                        "<li>a new <code>SECRET_KEY</code>, which logs everyone out and breaks password reset "
                        "links unless the old key stays in <code>SECRET_KEY_FALLBACKS</code> for a while:</li>"
                        "</ul>",
                        code(
                            "python",
                            'SECRET_KEY = os.environ["SECRET_KEY"]\n'
                            'SECRET_KEY_FALLBACKS = [os.environ["PREVIOUS_SECRET_KEY"]]',
                        ),
                    ),
                    q(
                        "Are hacks documented?",
                        "Every codebase has workarounds: a sleep before a retry, a special case for one "
                        "customer, a patch over a bug in a library. They are fine. Undocumented ones are not, "
                        "because the next person cannot tell whether the odd line holds something up or is a "
                        "mistake, and so either deletes it or never dares to touch it.",
                        "Ask for a comment that says why the hack exists, what it works around and how anyone "
                        "will know when it can go. A ticket number, an upstream issue or a library version makes "
                        "that last part checkable:",
                        code(
                            "python",
                            "# The payment provider sends amounts as strings in test mode only\n"
                            "# (our ticket PAY-142). Remove this once test mode sends numbers, as\n"
                            "# live mode does.\n"
                            'amount = Decimal(str(payload["amount"]))',
                        ),
                        "Then make the removal planned work: the ticket stays in the backlog with the condition "
                        "from the comment, so the hack goes when the condition is met, not when someone happens "
                        "to remember it.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "deployment",
        "date": datetime.datetime(2023, 9, 16, 9, 0, tzinfo=datetime.UTC),
        "title": "Deployment",
        "summary": "Questions that make a release predictable: risk, preparation and the details that bite.",
        "intro": "Most failed releases were risky in ways nobody wrote down. Ask these questions first.",
        "topics": ["deployment", "databases"],
        "body": [
            section(
                "Assess the risk",
                questions=[
                    q(
                        "What's the reasonable worst case scenario?",
                        "Not the asteroid, and not “nothing happens”: the bad outcome with a real chance of "
                        "happening. For most releases it is something like “customers who pay by invoice cannot "
                        "check out for an hour before anyone notices” or “the migration locks the orders table "
                        "for three minutes at lunchtime”.",
                        "Write it down in a sentence or two, then ask three questions about it. How would we "
                        "find out? How long would it take to undo? Who would be hurt, and how badly? If the "
                        "answers are “from an angry customer”, “half a day” and “everyone”, the release needs "
                        "more preparation: a feature flag, a smaller first step, a rehearsal on a copy of "
                        "production. If they are “from an alert”, “five minutes” and “a few people, mildly”, go "
                        "ahead. Either way, the sentence goes into the release notes, so the people on call know "
                        "what to watch for.",
                    ),
                    q(
                        "Where will the most likely errors occur?",
                        "Errors cluster where new code meets something it did not meet in testing: production "
                        "data, with its nulls and its ten-year-old rows; other services and their timeouts; "
                        "settings that differ between environments; and the first minutes after a migration. Go "
                        "through the diff and mark each of those points.",
                        "Then make sure you will see errors there. Check that exceptions reach your error "
                        "tracker and that the log lines carry enough context to act on. Tagging events with the "
                        "release makes it obvious which errors are new; with Sentry's SDK it is one argument:",
                        code(
                            "python",
                            "sentry_sdk.init(\n"
                            '    dsn=os.environ["SENTRY_DSN"],\n'
                            '    release=os.environ["GIT_COMMIT"],\n'
                            ")",
                        ),
                        "Finally, run the riskiest part on a copy of production data before the real release: "
                        "the migration, the import, the new query on the biggest table.",
                    ),
                    q(
                        "Does the change impact customers?",
                        "Some changes are invisible to customers: a refactoring, a faster query, a new internal "
                        "report. Others change what they see or do, even when that was not the point: a button "
                        "moves, an email arrives at a different time, an export gains a column and breaks "
                        "someone's spreadsheet.",
                        "Read the change from the customer's side. Which screens, emails, exports, API responses "
                        "and integrations does it touch? Who uses them, and how often? Your analytics or your "
                        "web server's access log will tell you whether a page gets ten visits a month or ten "
                        "thousand an hour:",
                        code("bash", 'grep -c "GET /reports/export/" /var/log/nginx/access.log'),
                        "If customers will notice, decide who tells them, what the support team needs to know "
                        "before the release, and how a customer reports a problem. Surprise is what turns a "
                        "small change into a complaint.",
                    ),
                ],
            ),
            section(
                "Organization and preparation",
                questions=[
                    q(
                        "What customers should be involved in the deployment?",
                        "For most releases, none. For some, a few customers are the best testers you have: the "
                        "ones whose work depends on the feature, the ones who asked for it, and the large "
                        "accounts whose data looks unlike anyone else's. Involving them can mean a preview on "
                        "staging, early access behind a feature flag, or simply agreeing on a release window "
                        "with them.",
                        "A flag lets you switch the feature on for those customers first and for everyone "
                        "later, without another deploy. With django-waffle it reads like this:",
                        code(
                            "python",
                            "from waffle import flag_is_active\n\n"
                            'if flag_is_active(request, "new_invoices"):\n'
                            '    return render(request, "invoices/new_list.html", context)',
                        ),
                        "Agree in advance what you want from them (a sign-off, a list of problems, a date) and "
                        "whom on your side they can reach while the release is under way.",
                    ),
                    q(
                        "What's the rollback process?",
                        "Rolling back code is usually one command: deploy the previous release again, or revert "
                        "the merge. Rolling back data is the hard part. If the release runs migrations, either "
                        "the old code must still work with the new schema, or the migrations must run "
                        "backwards, and both need checking before the deploy, not during the incident.",
                        code(
                            "bash",
                            "python manage.py showmigrations shop\n"
                            "python manage.py migrate shop 0041   # unapplies 0042 and the ones after\n"
                            "git revert -m 1 <merge-commit>",
                        ),
                        "A migration only runs backwards if Django knows how: a <code>RunPython</code> without "
                        "<code>reverse_code</code> cannot, and reversing a dropped column brings the column back "
                        "but not its data. Take a backup first (<code>pg_dump -Fc</code> on PostgreSQL), write "
                        "the steps into the release notes, and try them once on staging.",
                    ),
                    q(
                        "Does the change require monitoring?",
                        "Every release deserves a look at the usual dashboards afterwards. Some need more: a new "
                        "payment flow, a background job, a rewritten query on a busy page. For those, decide "
                        "before the deploy which signal says it works, what normal looks like, and who watches "
                        "it for the first hour.",
                        "Good signals are specific: the error rate of one endpoint, orders per ten minutes "
                        "compared with the same hour last week, the length of the task queue, the slowest "
                        "queries. With PostgreSQL's <code>pg_stat_statements</code> extension loaded, the "
                        "queries that cost the most are one query away:",
                        code(
                            "sql",
                            "SELECT calls, round(mean_exec_time) AS mean_ms, left(query, 80)\n"
                            "FROM pg_stat_statements\n"
                            "ORDER BY total_exec_time DESC\n"
                            "LIMIT 10;",
                        ),
                        "If a signal matters for longer than a day, turn it into an alert with a threshold, so "
                        "nobody has to remember to look.",
                    ),
                    q(
                        "Do you need to notify customers of the change",
                        "Tell customers before a change when it affects what they have to do: a new login step, "
                        "a feature that goes away, a price, a moved menu, planned downtime, a change to the API. "
                        "Tell them afterwards when it is good news they would not otherwise notice. And tell "
                        "nobody about changes that do not touch them: too many notices teach people to ignore "
                        "yours.",
                        "A useful notice answers four questions in its first lines: what changes, when, what the "
                        "customer needs to do (often nothing) and whom to ask. Something like this:",
                        "<i>On Tuesday at 07:00 UTC, invoices move from Settings to the new Billing page. Your "
                        "invoices and payments do not change. Questions? Reply to this email.</i>",
                        "Send it early enough for people to prepare: a few days for a visible change, weeks or "
                        "months for anything that breaks an integration someone else has to update.",
                    ),
                    q(
                        "Should the deployment occur after hours?",
                        "Deploying at night or at the weekend means fewer people are affected if something "
                        "breaks, and a migration that locks tables competes with less traffic. It also means "
                        "the people who know the system best are tired or asleep, the customers who would "
                        "report a problem are not there, and the fix waits until morning.",
                        "For routine changes that can be rolled back quickly, deploy during working hours while "
                        "everyone is around, and not on a Friday afternoon. Keep after-hours releases for the "
                        "changes that truly need low traffic, such as long migrations, and plan them like a "
                        "small project: who is on call, who can make decisions, how long the window is, and the "
                        "point at which you roll back instead of pressing on. Check your traffic by the hour "
                        "first: with customers in other time zones, your quiet hours may not be the ones you "
                        "assume.",
                    ),
                ],
            ),
            section(
                "Consider the details",
                questions=[
                    q(
                        "Does any data need to change before or after deployment?",
                        "Data changes have an order, and the order depends on which code is running. A column "
                        "the new code reads must be filled before that code goes live; values the old code "
                        "still writes can only be cleaned up once it is gone. Write the sequence down next to "
                        "the release, step by step.",
                        "In Django, a data change that belongs to a schema change can live in a migration, so it "
                        "runs at the right moment in every environment:",
                        code(
                            "python",
                            "def fill_slugs(apps, schema_editor):\n"
                            '    Article = apps.get_model("blog", "Article")\n'
                            '    for article in Article.objects.filter(slug="").iterator():\n'
                            "        article.slug = slugify(article.title)\n"
                            '        article.save(update_fields=["slug"])\n\n\n'
                            "class Migration(migrations.Migration):\n"
                            '    dependencies = [("blog", "0007_article_slug")]\n'
                            "    operations = [\n"
                            "        migrations.RunPython(fill_slugs, migrations.RunPython.noop),\n"
                            "    ]",
                        ),
                        "On a large table, run the backfill in batches from a management command instead, so no "
                        "single transaction holds its locks for minutes.",
                    ),
                    q(
                        "Does the change require any manual actions before or after deployment?",
                        "Manual steps are the ones that get forgotten: setting a new environment variable, "
                        "creating a bucket, running a one-off command, warning the support team. List every one "
                        "of them in the pull request, in order, with the exact command and the name of the "
                        "person who will run it:",
                        code(
                            "bash",
                            "python manage.py migrate --plan      # read what will run\n"
                            "python manage.py migrate\n"
                            "python manage.py createcachetable    # the change adds a database cache\n"
                            "python manage.py collectstatic --noinput",
                        ),
                        "Then ask of each step whether it should be manual at all. A step you will repeat "
                        "belongs in the deploy script. A setting that must be present belongs in a Django system "
                        "check (a function registered with <code>@register</code> from "
                        "<code>django.core.checks</code>), so that <code>manage.py check</code> fails loudly "
                        "before the release instead of a page failing after it.",
                    ),
                    q(
                        "Do the frontend changes need to be deployed before or after the backend changes?",
                        "If the answer is “at exactly the same moment”, the release is fragile: browsers keep "
                        "old JavaScript open for hours, CDNs cache assets, and mobile apps stay on old versions "
                        "for months. Aim for changes that work in either order instead.",
                        "The usual pattern is to expand, then contract. First deploy a backend that accepts "
                        "both the old and the new request and answers in a form both frontends understand. Then "
                        "deploy the frontend that uses the new form. Once nobody runs the old frontend, remove "
                        "the old path from the backend in a later release.",
                        "Static files need the same care. With Django's "
                        "<code>ManifestStaticFilesStorage</code>, each version of a file gets its content's hash "
                        "in its name, such as <code>app.55e7cbb9ba48.js</code>, so a page rendered before the "
                        "deploy keeps loading the scripts it was built with, as long as the old files stay on "
                        "the server.",
                    ),
                    q(
                        "Are there service interface changes?",
                        "When your service talks to others, a deploy changes one side of a conversation while "
                        "the other side goes on talking the old way. Other teams will not all upgrade on your "
                        "release day, and messages queued by the old code may be read by the new code hours "
                        "later.",
                        quote(
                            "be conservative in what you do, be liberal in what you accept from others.",
                            "Jon Postel, RFC 793 (1981)",
                            "https://www.rfc-editor.org/rfc/rfc793",
                        ),
                        "Applied with care, that means: add fields rather than rename them, make new fields "
                        "optional, keep accepting the old format until the last caller has moved, and never "
                        "change what an existing field means. When a break cannot be avoided, give the interface "
                        "a new version (<code>/api/v2/</code>) and run both for a while. Real payloads from "
                        "each consumer, kept in your test suite, catch a break before the consumers do.",
                    ),
                    q(
                        "Do the SQL changes require locks?",
                        "Almost every schema change takes a lock; the questions are which one and for how long. "
                        "In PostgreSQL, most forms of <code>ALTER TABLE</code> take an ACCESS EXCLUSIVE lock, "
                        "which blocks even reads of the table while it is held. Adding a nullable column, or "
                        "since PostgreSQL 11 one with a constant default, holds it only for a moment. Changing a "
                        "column's type rewrites the table under that lock, and adding a constraint scans the "
                        "whole table while holding a lock that blocks writes to it. Read the SQL Django will run "
                        "before running it:",
                        code("bash", "python manage.py sqlmigrate orders 0031"),
                        "For indexes on busy tables, <code>django.contrib.postgres.operations</code> has "
                        "<code>AddIndexConcurrently</code> (in a migration with <code>atomic = False</code>). "
                        "Foreign keys and check constraints can be added <code>NOT VALID</code> with "
                        "<code>RunSQL</code> and validated in a second step, which takes a weaker lock.",
                        links(
                            (
                                "PostgreSQL: explicit locking",
                                "https://www.postgresql.org/docs/current/explicit-locking.html",
                                "which lock each statement takes, and what each lock blocks",
                            )
                        ),
                    ),
                    q(
                        "What SQL objects are being locked and for how long?",
                        "A lock only hurts when something waits for it, and in PostgreSQL waiting spreads: a "
                        "migration that queues for an ACCESS EXCLUSIVE lock behind one slow query makes every "
                        "later query on that table queue behind the migration. A lock held for two seconds at "
                        "the wrong moment can stall a whole site.",
                        "Give migrations a lock timeout, so they give up and can be retried instead of blocking "
                        "everyone. The <code>PGOPTIONS</code> variable sets it for one command: libpq, which "
                        "psycopg uses, passes it on to the server:",
                        code("bash", 'PGOPTIONS="-c lock_timeout=3s" python manage.py migrate'),
                        "While you rehearse on staging, watch who waits for whom:",
                        code(
                            "sql",
                            "SELECT pid, pg_blocking_pids(pid) AS blocked_by,\n"
                            "       wait_event_type, left(query, 60)\n"
                            "FROM pg_stat_activity\n"
                            "WHERE datname = current_database() AND state <> 'idle';",
                        ),
                    ),
                    q(
                        "What are the sizes of the impacted SQL objects?",
                        "A migration that takes a second on the few hundred rows on your laptop can take twenty "
                        "minutes on fifty million, and indexes are often bigger than people expect. Look at the "
                        "real numbers before choosing how to run a change:",
                        code(
                            "sql",
                            "SELECT relname,\n"
                            "       n_live_tup AS rows,\n"
                            "       pg_size_pretty(pg_total_relation_size(relid)) AS total_size\n"
                            "FROM pg_stat_user_tables\n"
                            "ORDER BY pg_total_relation_size(relid) DESC\n"
                            "LIMIT 10;",
                        ),
                        "<code>pg_total_relation_size</code> counts the table with its indexes and TOAST data, "
                        "and <code>n_live_tup</code> is an estimate, which is all this needs. Then time the "
                        "migration on a copy: restore last night's backup into a scratch database with "
                        "<code>pg_restore</code>, run the migration there, and plan the release window from "
                        "what you measured rather than from a guess.",
                    ),
                    q(
                        "How frequently are the impacted SQL objects used?",
                        "The same change is harmless on a table read once a night and dangerous on one read by "
                        "every request. PostgreSQL counts how each table has been used since its statistics "
                        "were last reset:",
                        code(
                            "sql",
                            "SELECT relname, seq_scan, idx_scan, n_tup_ins, n_tup_upd, n_tup_del\n"
                            "FROM pg_stat_user_tables\n"
                            "WHERE relname IN ('orders_order', 'orders_orderline');",
                        ),
                        "Run it twice, a few minutes apart, and the difference gives you a rate. Then read the "
                        "code: a table used by middleware, by the session backend, by a permission check or by "
                        "a template every page includes is hot, whatever the counters say. For hot tables, "
                        "choose the gentlest operation (an index built concurrently, a constraint added "
                        "<code>NOT VALID</code>), run it at the quietest hour you measured, and keep a lock "
                        "timeout so that the migration waits rather than your users.",
                    ),
                    q(
                        "Does the application need to be scaled down during the deployment?",
                        "Sometimes fewer moving parts make a migration safer: background workers that write to "
                        "the table being rewritten, a scheduler that starts a job halfway through, or so many "
                        "web processes that the database runs out of connections during the change. Stopping or "
                        "reducing them for a few minutes can be simpler than making every one of them tolerate "
                        "the migration.",
                        code(
                            "bash",
                            "kubectl scale deployment/worker --replicas=0\n"
                            "python manage.py migrate\n"
                            "kubectl scale deployment/worker --replicas=4",
                        ),
                        "Scaling down has costs: the queue grows while the workers are stopped, and pages may be "
                        "slower. Write down how many replicas were running before, so that you scale back to "
                        "that number and not to a guess, and check that jobs queued by the old code can still be "
                        "run by the new workers.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "feature-requests",
        "date": datetime.datetime(2024, 6, 8, 9, 0, tzinfo=datetime.UTC),
        "title": "Feature Requests",
        "summary": "How to weigh a feature request: its users, its risk, its cost and its data.",
        "intro": "A request describes a need. These questions help you understand it before you build.",
        "topics": ["development", "databases"],
        "body": [
            section(
                "Understanding user impact",
                questions=[
                    q(
                        "What users would see this change?",
                        "Start by naming the groups of users the feature touches, and be concrete: new "
                        "visitors, logged-in customers, staff in the admin, editors, API clients, people using "
                        "a screen reader or a phone on a slow connection. For each group, note whether they will "
                        "see the change, use it, or be affected without seeing it, through a slower page or a "
                        "different email.",
                        "Numbers help you weigh the request. If the feature is for one role, count the people "
                        "who hold it, in <code>python manage.py shell</code>:",
                        code(
                            "python",
                            "from django.contrib.auth.models import Group\n\n"
                            'Group.objects.get(name="Editors").user_set.count()',
                        ),
                        "A request that saves twelve editors ten minutes every day can be worth more than one "
                        "that thousands of visitors would never notice. Knowing who is affected also tells you "
                        "whom to ask for feedback, and whom to tell when it ships.",
                    ),
                    q(
                        "What is the user trying to do?",
                        "People usually ask for a solution: “add an export to Excel”, “let me edit the date”. "
                        "Behind each one is a goal, and the goal is what you need to understand. Ask why, a "
                        "few times, without making it an interrogation: what will you do with the export? Who "
                        "reads it? How do you do it today?",
                        "Often the answer changes the feature. The export may be for a monthly report that a "
                        "saved filter and an emailed summary would serve better; the editable date may be a "
                        "workaround for a bug in how dates are set. Write the goal in one sentence next to the "
                        "request, in the user's words:",
                        "<i>As the finance lead, I need last month's paid invoices in one file, so that I can "
                        "reconcile them with the bank statement.</i>",
                        "Then judge every design against that sentence, including designs that look nothing "
                        "like what was asked for.",
                    ),
                    q(
                        "Is it a reasonable user experience?",
                        "Before building, walk through the feature as someone who has never seen it: on a phone, "
                        "with the keyboard only, with a screen reader, on a slow connection, with a very long "
                        "name, in a language whose words are longer than English ones. Sketch the screens on "
                        "paper and talk a colleague through the steps; a confusing flow sounds confusing when "
                        "you say it out loud.",
                        "A few questions catch most problems:",
                        "<ul><li>Can people tell what to do next without reading documentation?</li>"
                        "<li>Does every action show that it worked?</li>"
                        "<li>Do the labels use the user's words rather than the database's?</li>"
                        "<li>Can every control be reached and used with Tab and Enter?</li>"
                        "<li>Is there a way back from every step?</li></ul>",
                        "Once it is built, watch one real user try it without help. It is humbling, and quicker "
                        "than any amount of debate.",
                    ),
                    q(
                        "How do users recover from errors?",
                        "People will make mistakes and systems will fail, so every part of the feature needs a "
                        "way back. For input errors, keep what the user typed and say next to the field what is "
                        "wrong and how to fix it. Django's forms do this when the view renders the bound form "
                        "again instead of redirecting:",
                        code(
                            "python",
                            "def edit_profile(request):\n"
                            "    profile = request.user.profile\n"
                            "    form = ProfileForm(request.POST or None, instance=profile)\n"
                            '    if request.method == "POST" and form.is_valid():\n'
                            "        form.save()\n"
                            '        return redirect("profile")\n'
                            '    return render(request, "profile/edit.html", {"form": form})',
                        ),
                        "For destructive actions, prefer an undo or a soft delete to an “Are you sure?” dialog "
                        "that people click through without reading. For failures on our side, say what happened "
                        "and what to do next, and keep the user's work: a draft saved, a retry button, a support "
                        "address with a reference number to quote.",
                    ),
                    q(
                        "Do users need to be notified?",
                        "Notify users when a feature changes something they rely on or asks something new of "
                        "them: a new required step, a different default, new prices, moved navigation, data "
                        "that will be deleted. A new feature that fits existing habits often needs no "
                        "announcement at all; people find it when they need it.",
                        "Match the channel to the size of the change. A small change can be a line in the "
                        "changelog or a one-time notice on the page itself. A change to how people work "
                        "deserves an email before it happens, with the date and a link to help. Anything that "
                        "affects integrations needs a notice to developers weeks ahead. For a one-time notice "
                        "after logging in, Django's messages framework is enough:",
                        code(
                            "python",
                            "from django.contrib import messages\n\n"
                            'messages.info(request, "Invoices have moved to the new Billing page.")',
                        ),
                    ),
                    q(
                        "Does the change include a deprecation?",
                        "If the feature replaces something, the old way is now deprecated, whether or not anyone "
                        "says so. Say so: when it goes away, what replaces it and how to move. Then make sure "
                        "the warning reaches the people who need it: in the interface for users, and in the "
                        "code for developers.",
                        code(
                            "python",
                            "def get_total(order):\n"
                            "    warnings.warn(\n"
                            '        "get_total() is deprecated; use order.total instead.",\n'
                            "        DeprecationWarning,\n"
                            "        stacklevel=2,\n"
                            "    )\n"
                            "    return order.total",
                        ),
                        "Python hides <code>DeprecationWarning</code> by default unless it is triggered in "
                        "<code>__main__</code>, so run the tests with "
                        "<code>python -m pytest -W error::DeprecationWarning</code> to turn every remaining "
                        "caller into a failure. Django's own policy, keeping deprecated features working with a "
                        "warning for at least two feature releases, is a good model to borrow.",
                    ),
                ],
            ),
            section(
                "Assess the risk",
                questions=[
                    q(
                        "Will this require changes across the project?",
                        "Count the places the feature touches before estimating it: models, migrations, views, "
                        "templates, the API, permissions, emails, search, the admin, background jobs, "
                        "documentation. A feature that touches two of them is a pull request; one that touches "
                        "eight is a project, and it will meet the parts of the code the team understands least.",
                        "A quick way to see the reach is to count, per top-level folder, the files that mention "
                        "what you will change:",
                        code("bash", 'git grep -l -w "Subscription" | cut -d/ -f1 | sort | uniq -c'),
                        "Wide changes are safer in steps that each leave the project working: first the model "
                        "and its migration, then the code that uses it, then the views and templates, each "
                        "reviewed and released on its own. A feature flag lets the later steps land before "
                        "the feature is switched on for anyone.",
                    ),
                    q(
                        "How comfortable are you with the code?",
                        "Be honest about it, because it changes the estimate more than the feature does. In code "
                        "you know, you can predict where the change goes and what it might break. In unfamiliar "
                        "code you cannot, and the surprises arrive late.",
                        "Spend an hour reading before you commit to a number. Find where the flow starts, follow "
                        "one request all the way through, and write down what you do not understand. The history "
                        "often explains more than the code:",
                        code(
                            "bash",
                            "git log --oneline --follow -- billing/invoices.py\n"
                            'git log -S "apply_discount" --oneline\n'
                            "git blame -w -L 40,80 billing/invoices.py",
                        ),
                        "Commit messages and the issues they link explain why odd code is odd. If the hour "
                        "leaves you with many open questions, say so in the estimate, or plan a short spike "
                        "before promising a date.",
                    ),
                    q(
                        "Does the code have tests?",
                        "Run them before changing anything, and check what they cover: "
                        "<code>coverage run -m pytest</code> followed by <code>coverage report -m</code> lists, "
                        "for each file, the lines no test reached. If the code you are about to change is "
                        "covered and the tests pass, you have a safety net. If not, build one first.",
                        "Characterisation tests are the quickest way: call the current code with realistic "
                        "inputs and assert whatever it returns today, even if it looks wrong. They pin the "
                        "behaviour down, so you notice when your change alters it:",
                        code(
                            "python",
                            "def test_invoice_total_as_it_is_today(make_invoice):\n"
                            '    invoice = make_invoice(lines=[("Hosting", 3, "9.99")], country="DE")\n'
                            '    assert invoice.total() == Decimal("35.66")',
                        ),
                        "When the change is done, keep the tests that describe intended behaviour and rewrite "
                        "the ones that pinned a bug.",
                    ),
                    q(
                        "Is there a maintainer available for advice?",
                        "Someone who built or has long maintained the code knows what is not written down: why "
                        "the odd special case exists, which customer depends on it, which approach was tried and "
                        "abandoned. Half an hour with them can save days of finding it out again.",
                        "The history tells you who they are; this lists who has committed most to a folder:",
                        code("bash", "git shortlog -sn HEAD -- billing/"),
                        "Prepare before you ask: a short description of the feature, the approach you have in "
                        "mind and two or three specific questions. “Why are invoices numbered in the view and "
                        "not in the model?” is easy to answer; “How does billing work?” is not. Write down what "
                        "you learn, in the pull request, a docstring or the documentation, so the next person "
                        "does not need the same conversation. If nobody who knows the code is left, budget more "
                        "time and more tests.",
                    ),
                    q(
                        "Is there a power user available for advice?",
                        "Power users know the product as it is used rather than as it was designed: the "
                        "shortcuts, the workarounds, the export they open in a spreadsheet every Monday, the "
                        "field they use for something it was never meant for. They are also the first to notice "
                        "when a change breaks one of those habits.",
                        "Ask one or two of them before you design, not after you have built. Show a sketch, "
                        "watch them try their real tasks with it, and ask what would annoy them. If you do not "
                        "know who they are, support tickets will tell you, and so will the admin's history:",
                        code(
                            "python",
                            "from django.contrib.admin.models import LogEntry\n"
                            "from django.db.models import Count\n\n"
                            "busiest = (\n"
                            '    LogEntry.objects.values("user__username")\n'
                            '    .annotate(changes=Count("id"))\n'
                            '    .order_by("-changes")\n'
                            ")\n"
                            "busiest[:5]",
                        ),
                        "Remember that power users are not typical users: weigh what they say against what a "
                        "newcomer needs.",
                    ),
                ],
            ),
            section(
                "Estimate the cost",
                questions=[
                    q(
                        "What does the maintenance look like?",
                        "Building a feature is paid once; keeping it is paid every month for as long as it "
                        "exists. Before saying yes, list what it will need: dependencies to upgrade, Django and "
                        "Python releases to follow, an external API that will change, data that keeps growing, "
                        "support questions, documentation, tests that must keep passing, and someone who "
                        "understands it after its author has moved on.",
                        "Dependencies deserve special care. Each new package is code you did not write and will "
                        "have to upgrade, so look at how active it is and how it handles releases before adding "
                        "it. To see how far behind a project already is:",
                        code("bash", "python -m pip list --outdated"),
                        "A rule of thumb: if nobody would notice for a month that the feature had broken, ask "
                        "whether it is worth building, and maintaining, at all.",
                    ),
                    q(
                        "Does this impact other flows?",
                        "Features share models, views, templates, signals and background jobs with the rest of "
                        "the project, so a change made for one flow can quietly alter another. Adding a required "
                        "field to <code>Order</code> affects checkout, but also the admin, the CSV import, the "
                        "API, the fixtures and every test that creates an order.",
                        "Trace the shared pieces. For each model you change, find every place that creates or "
                        "saves one; for each signal you add, remember that it will fire on every save elsewhere "
                        "too:",
                        code(
                            "bash",
                            'git grep -n -E "Order\\(|Order\\.objects\\.create|OrderFactory"\n'
                            'git grep -n "post_save" -- "*.py"',
                        ),
                        "Then run the whole test suite early in the work rather than at the end, and walk "
                        "through the neighbouring flows by hand once. The flow that breaks is usually the one "
                        "nobody thought of as related.",
                    ),
                    q(
                        "What are the exception flows?",
                        "The happy path is the one everyone designs. The exception flows are what happens when a "
                        "step fails: the card is declined, the email bounces, the upload is too large, the "
                        "partner's API times out, the user closes the tab halfway, two people edit the same "
                        "record. List them for every step and decide what each should do.",
                        "Pay special attention to steps that change more than one thing. If the order is saved "
                        "and the confirmation then fails, what is left behind? Keep related database changes in "
                        "one transaction, and only talk to other systems once the data is committed:",
                        code(
                            "python",
                            "with transaction.atomic():\n"
                            "    order = Order.objects.create(customer=customer, total=total)\n"
                            "    OrderLine.objects.bulk_create(lines_for(order))\n"
                            "    transaction.on_commit(lambda: send_confirmation.delay(order.pk))",
                        ),
                        "If the transaction rolls back, no confirmation is sent for an order that does not exist.",
                    ),
                    q(
                        "What are the assumptions and what happens when those aren't true?",
                        "Every feature rests on assumptions: users have an email address, names have a first and "
                        "a last part, prices are in one currency, a request finishes in a second, the export "
                        "fits in memory, the partner's API is up. Most are true today. Write them down, and for "
                        "each ask what happens on the day it is not.",
                        "Some assumptions can be enforced by the database, so that breaking one gives a clear "
                        "error instead of wrong data:",
                        code(
                            "python",
                            "class Meta:\n"
                            "    constraints = [\n"
                            "        models.CheckConstraint(\n"
                            '            condition=models.Q(quantity__gt=0), name="quantity_positive"\n'
                            "        ),\n"
                            "    ]",
                        ),
                        "Others belong in tests with unusual data: an empty list, a name with an apostrophe, a "
                        "time just after midnight in another time zone. For the rest, make failure loud: an "
                        "exception that reaches the error tracker is better than a silent default.",
                    ),
                    q(
                        "What are the error states and their next steps?",
                        "An error state is what the user sees when something goes wrong: a form error, an empty "
                        "page, a failed upload, a 404, a 500. For each one the feature can reach, write down the "
                        "message and the next step it offers. “Something went wrong” is not a next step; “Your "
                        "file is larger than 10 MB: compress it, or upload the pages separately” is.",
                        "Good messages say what happened, in the user's terms, and what they can do now. Keep "
                        "technical details out of the page and in the logs, with a reference the user can quote "
                        "to support. Django's validation errors can carry a code, so that templates and tests "
                        "can tell them apart:",
                        code(
                            "python",
                            "raise ValidationError(\n"
                            '    "Your file is larger than %(limit)s MB.",\n'
                            '    code="file_too_large",\n'
                            '    params={"limit": 10},\n'
                            ")",
                        ),
                        "Design the empty states too: a new user's dashboard with no data yet should say how to start.",
                    ),
                    q(
                        "Does this require monitoring?",
                        "Ask what would happen if the feature broke without an error. A sign-up form that stops "
                        "sending confirmation emails, or payment webhooks that stop arriving, can cost money for "
                        "days before anyone reports it; a broken tooltip cannot. The more a silent failure would "
                        "cost, the more the feature needs a signal someone watches.",
                        "Useful signals count outcomes, not only errors: sign-ups per hour, webhooks received per "
                        "day, emails sent against emails bounced. Log each outcome with a fixed message and its "
                        "key fields, so it can be counted and alerted on later:",
                        code(
                            "python",
                            "logger = logging.getLogger(__name__)\n"
                            "logger.info(\n"
                            '    "webhook received",\n'
                            '    extra={"provider": "payments", "event": event_type},\n'
                            ")",
                        ),
                        "A scheduled job that checks “no webhook for six hours” and sends an alert is cheap to "
                        "build, and it catches the failures that no exception reports.",
                    ),
                    q(
                        "Will this remove or add technical debt?",
                        quote(
                            "Shipping first time code is like going into debt. A little debt speeds development so "
                            "long as it is paid back promptly with a rewrite.",
                            "Ward Cunningham, The WyCash Portfolio Management System (1992)",
                            "https://c2.com/doc/oopsla92.html",
                        ),
                        "Most features add some debt: a shortcut to meet a date, a copy of code that should have "
                        "been shared, a setting nobody documented. That is a fair trade when it is deliberate "
                        "and written down. Note each shortcut in the pull request and in a ticket, with what it "
                        "would take to pay it back.",
                        "A feature can also pay debt back. If the request touches a part of the code everyone "
                        "avoids, the estimate may be the moment to include the clean-up it needs, such as "
                        "replacing a fragile function before building on it. Say which you are doing, so the "
                        "estimate shows the feature and the repayment as two numbers.",
                    ),
                    q(
                        "Does this unlock future solutions?",
                        "Some features are worth more than their own value because of what they make possible "
                        "next. An audit log built for one compliance request can answer support questions, feed "
                        "an activity page and help debug data problems. A clean API built for one partner is the "
                        "start of a public one.",
                        "When you estimate, say so explicitly, with the follow-up work it enables, so the "
                        "decision is made on the whole picture. Ask the opposite question too: does this feature "
                        "close doors? Storing money as a float, hard-coding one currency, or giving every "
                        "customer exactly one address are all quick today and expensive to undo once data has "
                        "piled up.",
                        "Be careful not to build for imagined futures, though. Leave the door open; do not build "
                        "the house behind it.",
                    ),
                ],
            ),
            section(
                "Consider the data",
                questions=[
                    q(
                        "How much data is involved?",
                        "Find out how many rows the feature will read and write, now and in a year, and test with "
                        "that much. Code that is fine with a hundred rows can time out with a million, usually "
                        "for a few predictable reasons: a query per item in a loop, a missing index, or a whole "
                        "table loaded into memory.",
                        "Count the queries a view makes in a test, and ask the database for the plan of the slow "
                        "ones (on PostgreSQL, <code>analyze=True</code> runs the query and reports real timings):",
                        code(
                            "python",
                            'orders = Order.objects.filter(status="open").select_related("customer")\n'
                            "print(orders.explain(analyze=True))",
                        ),
                        "For bulk work, stream rows with <code>iterator()</code> instead of loading them all, "
                        "use <code>bulk_create()</code> and <code>update()</code> instead of saving objects one "
                        "at a time, and index the columns you filter on.",
                        links(
                            (
                                "Django: database access optimization",
                                f"{DJANGO_DOCS}/topics/db/optimization/",
                                "the checklist to go through before a query meets a large table",
                            )
                        ),
                    ),
                    q(
                        "How will you maintain backwards compatibility for database updates?",
                        "During a deploy, the old code and the new code run against the same database, and after "
                        "a rollback the old code runs against the new schema. So every schema change has to work "
                        "with both versions. The safe pattern is expand, migrate, contract, spread over several "
                        "releases.",
                        "A new column must be nullable or have a default in the database itself, so that the old "
                        "code, which does not know the column, can still insert rows. Since Django 5.0, "
                        "<code>db_default</code> sets one:",
                        code("python", 'status = models.CharField(max_length=20, db_default="active")'),
                        "Removing a column takes two releases: the first stops using it (and makes it nullable "
                        "if it was required), the second drops it. Renaming is adding a new column, copying the "
                        "data, moving the code over, and then removing the old one.",
                    ),
                ],
            ),
        ],
    },
    {
        "slug": "testing",
        "date": datetime.datetime(2023, 11, 11, 9, 0, tzinfo=datetime.UTC),
        "title": "Testing",
        "summary": "Questions for writing tests that check real behaviour and for knowing when they are enough.",
        "intro": "Tests are only as good as what they check. Use these questions when writing or reviewing them.",
        "topics": ["testing", "django"],
        "body": [
            section(
                "Where to begin?",
                questions=[
                    q(
                        "Is the logic truly being tested?",
                        "A test can run every line of a function and still check nothing that matters, for "
                        "instance by asserting only that no exception was raised or that the result is not "
                        "<code>None</code>. To find out whether the logic is tested, break it on purpose: flip a "
                        "comparison, return early, delete a line, change a constant. Then run the tests. If they "
                        "still pass, they do not test that logic.",
                        "Mutation testing tools do this systematically. mutmut makes many small changes to your "
                        "code, runs the tests against each, and lists the changes no test noticed:",
                        code("bash", "python -m pip install mutmut\nmutmut run\nmutmut results"),
                        "It is slow on a whole project, so point it at the module you care about. Not every "
                        "surviving change matters, but each one that does is a missing assertion.",
                        links(
                            (
                                "mutmut",
                                "https://github.com/boxed/mutmut",
                                "mutation testing for Python, and how to configure what it mutates",
                            )
                        ),
                    ),
                    q(
                        "Can different datasets cause different results?",
                        "Code is usually written with one case in mind. Production brings the others: empty "
                        "lists, a single item, duplicates, very long strings, names with accents or apostrophes, "
                        "negative amounts, dates around midnight and the change to summer time, users in other "
                        "time zones, rows created before a field existed. Parametrised tests make it cheap to "
                        "try several:",
                        code(
                            "python",
                            '@pytest.mark.parametrize("name", ["Zoë", "O\'Brien", "王芳", "x" * 150])\n'
                            "def test_profile_keeps_the_name_as_typed(client, user, name):\n"
                            "    client.force_login(user)\n"
                            '    client.post("/profile/", {"name": name})\n'
                            "    user.refresh_from_db()\n"
                            "    assert user.profile.name == name",
                        ),
                        "For logic with many possible inputs, property-based testing goes further: Hypothesis "
                        "generates the data from a description such as <code>@given(st.lists(st.integers()))"
                        "</code>, and when a test fails it shrinks the input to the smallest case that still "
                        "fails.",
                    ),
                    q(
                        "Are exception flows reasonably covered?",
                        "Most bugs users meet are in the paths nobody tried: the invalid form, the missing "
                        "object, the external service that times out, the permission that is not there. For "
                        "each failure the code handles, write a test that takes that path and checks what the "
                        "user gets: the status code, the message, and that nothing was half saved.",
                        code(
                            "python",
                            "def test_declined_card_keeps_the_basket(client, basket, declined_card):\n"
                            '    response = client.post("/checkout/", {"card": declined_card})\n'
                            '    assertContains(response, "Your card was declined")\n'
                            "    assert Order.objects.count() == 0 and basket.lines.exists()",
                        ),
                        "For functions that should raise, use <code>pytest.raises(ValueError, match=...)</code> "
                        "so that a different error does not pass by accident. “Reasonably” matters here: cover "
                        "the failures a user can cause or will see, not every state the code could never reach.",
                    ),
                    q(
                        "Do the changes require permission tests?",
                        "Any new view, API endpoint, admin action or download link needs at least one test "
                        "proving that the wrong person is turned away. Permission bugs are rarely noticed by the "
                        "people building the feature, because they test as themselves, usually with an "
                        "administrator's account.",
                        "Test each kind of visitor the view should refuse: anonymous, logged in without the "
                        "permission, and logged in but asking for someone else's object.",
                        code(
                            "python",
                            "def test_invoices_are_private(client, invoice, other_user):\n"
                            "    assert client.get(invoice.url).status_code == 302  # to log in\n"
                            "    client.force_login(other_user)\n"
                            "    assert client.get(invoice.url).status_code == 404",
                        ),
                        "Answering 404 rather than 403 for someone else's object avoids confirming that it "
                        "exists. For views that accept a POST, also check that the refused request changed "
                        "nothing in the database.",
                    ),
                ],
            ),
            section(
                "It's more than asserts!",
                questions=[
                    q(
                        "What level of testing robustness is needed?",
                        "Not all code deserves the same care. Weigh two things: how bad would a bug be, and how "
                        "likely is it? A bug in the code that charges cards, deletes data, emails customers or "
                        "checks permissions is expensive, so test it thoroughly, edge cases and failures "
                        "included. A bug in the column order of an internal report is cheap to notice and fix.",
                        "Likelihood grows with complexity and with change: branching rules, date arithmetic, "
                        "concurrency and code that many people edit break more often than a simple template.",
                        "Write the answer down for each feature, so reviewers can judge the tests against it: "
                        "unit tests for the pricing rules, one integration test per payment provider, a browser "
                        "test for checkout, a manual check of the emails. A coverage threshold for the risky "
                        "part alone can make the decision stick:",
                        code("bash", 'coverage report --include="billing/*" --fail-under=95'),
                    ),
                    q(
                        "Are mocks used reasonably?",
                        "Mocks are useful at the edges of your system, where the real thing is slow, costly or "
                        "out of your control: a payment provider, an email service, the clock. Inside your own "
                        "code they are mostly a trap: a test that mocks the function it depends on keeps "
                        "passing when that function changes, and tends to check how the code is written rather "
                        "than what it does.",
                        "Prefer real objects and a real test database. When you do mock, use "
                        "<code>autospec=True</code>, so that calling the mock with arguments the real function "
                        "would refuse fails the test:",
                        code(
                            "python",
                            '@mock.patch("shop.payments.gateway.charge", autospec=True)\n'
                            "def test_checkout_charges_the_total(charge, client, basket):\n"
                            '    client.post("/checkout/")\n'
                            '    charge.assert_called_once_with(amount=basket.total, currency="EUR")',
                        ),
                        "A test with more lines of mock set-up than assertions is a hint that the code wants a "
                        "seam, such as the clock or the client passed in as an argument.",
                    ),
                    q(
                        "What manual tests are needed?",
                        "Some things are cheaper to check by hand than to automate, at least at first: how a "
                        "page looks and feels on a real phone, whether an email renders in the mail clients your "
                        "customers use, whether a PDF prints on one page, whether the flow makes sense to "
                        "someone seeing it for the first time. Automating those badly produces fragile tests "
                        "that everyone learns to ignore.",
                        "Make manual tests repeatable anyway. Write the steps and the expected result in the "
                        "pull request, short enough that anyone on the team can run them in five minutes:",
                        code(
                            "text",
                            "1. Log in as a customer with two saved addresses.\n"
                            "2. Add any product and open the checkout on a phone-sized screen.\n"
                            "3. Expected: both addresses are listed, and Pay is visible without\n"
                            "   scrolling.",
                        ),
                        "When you find yourself running the same manual test before every release, that is the "
                        "sign to automate it.",
                    ),
                    q(
                        "What permutations of the UX can't be tested?",
                        "Every feature multiplies: browsers, screen sizes, languages, user roles, account "
                        "states, feature flags, time zones. You cannot test every combination, so decide which "
                        "ones to test and name the ones you did not. A short note in the pull request helps the "
                        "reviewers now and the people who support the feature later:",
                        code(
                            "text",
                            "Tested: Firefox and Chrome on a laptop, Safari on an iPhone;\n"
                            "English and German; editor and admin roles.\n"
                            "Not tested: right-to-left languages, accounts with over 1,000 invoices.",
                        ),
                        "To choose, start from your analytics (which browsers and screens people really use) "
                        "and from risk (which combinations the code treats differently). Pairwise testing, which "
                        "covers every pair of options rather than every combination, shrinks a large matrix to a "
                        "handful of cases and still finds many of the bugs that come from two settings meeting.",
                    ),
                    q(
                        "Does the deployment need testing?",
                        "A change can pass every test and still fail to deploy: a migration that takes too long "
                        "on real data, a missing environment variable, a static file that was not collected, a "
                        "new dependency that does not install on the server. Test the deployment itself when a "
                        "change touches any of these.",
                        "Rehearse on a staging environment as close to production as you can afford, ideally "
                        "with a recent, anonymised copy of the data, and run the same commands in the same "
                        "order:",
                        code(
                            "bash",
                            "python manage.py check --deploy\n"
                            "python manage.py migrate --plan\n"
                            "python manage.py migrate\n"
                            "python manage.py collectstatic --noinput",
                        ),
                        "Time the migration, then open a few pages and go through the main flows once. Finally, "
                        "check that rolling back works: deploy the previous version against the migrated "
                        "database and see whether it still runs.",
                    ),
                ],
            ),
        ],
    },
]


# The talks, notes and articles of the demo that cover each guide section: (guide, section) → page addresses
# below the home page, best first. Linked once the reviews, notes and articles exist (`link_related`).
RELATED = {
    ("career", "Consider the source of advice"): [
        "videos/of-clouds-and-crows",
        "videos/why-generosity-turns-to-rage",
        "articles/professional-djangonaut-skills",
    ],
    ("career", "Finding career guidance"): [
        "articles/meeting-django-contributors",
        "articles/questions-to-ask-a-django-company",
        "videos/privilege-arbitrage",
    ],
    ("code-review", "Check yourself"): ["videos/django-needs-you-to-do-code-review"],
    ("code-review", "Recheck the basics"): ["articles/getting-started-contributing-to-django"],
    ("code-review", "Review the tests"): ["videos/easy-breezy-beautiful-django-unit-tests"],
    ("code-review", "The tougher bits"): [
        "articles/migrations-and-your-database",
        "videos/django-needs-you-to-do-code-review",
    ],
    ("deployment", "Assess the risk"): ["articles/migrations-and-your-database", "notes/djangocon-us-2023"],
    ("deployment", "Organization and preparation"): ["notes/djangocon-us-2023"],
    ("deployment", "Consider the details"): ["articles/migrations-and-your-database"],
    ("feature-requests", "Understanding user impact"): ["articles/informal-django-roadmap-ideas-for-2024"],
    ("feature-requests", "Assess the risk"): ["articles/migrations-and-your-database"],
    ("feature-requests", "Estimate the cost"): ["articles/professional-djangonaut-skills"],
    ("feature-requests", "Consider the data"): ["articles/migrations-and-your-database", "notes/djangocon-us-2023"],
    ("testing", "Where to begin?"): ["videos/easy-breezy-beautiful-django-unit-tests", "notes/djangocon-us-2023"],
    ("testing", "It's more than asserts!"): [
        "videos/easy-breezy-beautiful-django-unit-tests",
        "articles/getting-started-contributing-to-django",
    ],
}


def _with_related(guide_slug, body, pages_by_path):
    """The guide's body with each section naming the pages of RELATED that exist."""
    linked = []
    for kind, value in body:
        paths = RELATED.get((guide_slug, value["title"]), [])
        linked.append((kind, {**value, "related": [pages_by_path[p] for p in paths if p in pages_by_path]}))
    return linked


def build_index(home):
    """The guides' index, made before the other sections so that the site menu lists it first."""
    index, _ = ensure_child(
        home,
        GuideIndexPage,
        "guides",
        title="Developer Guides",
        intro="Guides to the hard parts of software engineering, one question at a time.",
        summary="Questions and answers on careers, code review, deployment, feature requests and testing.",
        show_in_menus=True,
    )
    return index


def build(home):
    """The five guides, made once the talks, notes and articles their sections link to exist."""
    index = build_index(home)
    wanted = [f"{home.url_path}{path}/" for paths in RELATED.values() for path in paths]
    pages_by_path = {
        page.url_path.removeprefix(home.url_path).strip("/"): page.pk
        for page in Page.objects.filter(url_path__in=wanted).only("pk", "url_path")
    }
    topics = topics_by_slug()
    author = demo_author()
    for guide in GUIDES:
        ensure_child(
            index,
            GuidePage,
            guide["slug"],
            title=guide["title"],
            summary=guide["summary"],
            intro=guide["intro"],
            body=_with_related(guide["slug"], guide["body"], pages_by_path),
            topics=[topics[slug] for slug in guide["topics"]],
            author=author,
            # Dated as content: the day the guide was written, not the day the demo was installed.
            first_published_at=guide["date"],
        )
