"""The GraphiQL page: GraphiQL 3 served from this app's own copy (api/static/graphiql), opening on a
query that shows what the graph holds, with the cookbook's common questions as example tabs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Mount
from starlette.staticfiles import StaticFiles

STATIC_DIR = Path(__file__).resolve().parent / "static" / "graphiql"
STATIC_PATH = "/graphiql-static"

# file → sha384 of the vendored copy; the browser refuses a file that does not match
ASSETS: dict[str, str] = {
    "react.production.min.js": "sha384-tMH8h3BGESGckSAVGZ82T9n90ztNXxvdwvdM6UoR56cYcf+0iGXBliJ29D+wZ/x8",
    "react-dom.production.min.js": "sha384-bm7MnzvK++ykSwVJ2tynSE5TRdN+xL418osEVF2DE/L/gfWHj91J2Sphe582B1Bh",
    "graphiql.min.css": "sha384-Mq3vbRBY71jfjQAt/DcjxUIYY33ksal4cgdRt9U/hNPvHBCaT2JfJ/PTRiPKf0aM",
    "graphiql.min.js": "sha384-HbRVEFG0JGJZeAHCJ9Xm2+tpknBQ7QZmNlO/DgZtkZ0aJSypT96YYGRNod99l9Ie",
    "plugin-explorer.css": "sha384-5DFJlDPW2tSATRbM8kzoP1j194jexLswuNmClWoRr2Q0x7R68JIQzPHZ02Faktwi",
    "plugin-explorer.umd.js": "sha384-2oonKe47vfHIZnmB6ZZ10vl7T0Y+qrHQF2cmNTaFDuPshpKqpUMGMc9jgj9MLDZ9",
}

DEFAULT_QUERY = """\
# newsgraph: Central Asian news as a graph of articles,
# people, organizations, places and exchange rates.
# Ctrl-Enter or ▶ runs this query. The tabs above hold
# more questions; docs/cookbook.md has many more, each
# with its answer on the seed pages.
query LatestArticles {
  articles(first: 5) {
    totalCount
    edges {
      node {
        title
        publishedOn
        listedOn
        source { name }
        people { name }
        places { name }
      }
    }
  }
}
"""

EXAMPLE_QUERIES: tuple[str, ...] = (
    """\
# What roles does a person hold, and which article
# says so? A surname or another spelling finds them.
query PersonRoles {
  people(first: 1, search: "Karin") {
    edges {
      node {
        name
        aliases
        roles { title former organization { name } article { title } }
        articles(first: 5) { totalCount edges { node { title } } }
      }
    }
  }
}
""",
    """\
# Which articles name an organization, and who do
# the sources place in it?
query OrganizationArticles {
  organizations(first: 1, search: "NeMolchi") {
    edges {
      node {
        name
        kind
        aliases
        people { name }
        articles(first: 10) { totalCount edges { node { title publishedOn listedOn } } }
      }
    }
  }
}
""",
    """\
# What was the tenge worth when a story ran?
# The rates in force on the article's day.
query RatesOnTheDay {
  articles(first: 1, filter: { search: "hotline" }) {
    edges {
      node {
        title
        listedOn
        rates { base quote rate changePct asOf }
      }
    }
  }
}
""",
    """\
# Where does each name sit in the text?
# [start, end) code points into document.text.
query MentionsWithSpans {
  articles(first: 1, filter: { search: "extradite" }) {
    edges {
      node {
        title
        document { sha256 }
        mentions {
          text
          start
          end
          entity {
            __typename
            ... on Person { name }
            ... on Organization { name }
            ... on Place { name }
          }
        }
      }
    }
  }
}
""",
    """\
# Full-text search within dates: words, "phrases",
# -excluded words; best match first.
query SearchInPeriod {
  articles(
    first: 10
    filter: { search: "Kazakhstan", publishedFrom: "2020-07-01", publishedTo: "2020-08-31" }
  ) {
    totalCount
    edges { node { title publishedOn author { name } related(first: 3) { title } } }
  }
}
""",
)

# Subscriptions run over a websocket (graphql-transport-ws) at the same /graphql address; their tabs
# need an id, so they come with variables to fill in.
SUBSCRIPTION_EXAMPLES: tuple[tuple[str, str], ...] = (
    (
        """\
# Follow a run live: its counters as each document
# finishes, until it succeeds or fails. Start one with
# `mutation { reingest { id } }` in another tab (from
# this machine, or with the admin token in Headers),
# put its id in Variables below, then run this.
subscription FollowRun($id: ID!) {
  ingestionRun(id: $id) {
    status
    documents
    documentsDone
    articlesCreated
    articlesUpdated
    articlesUnchanged
    errors
  }
}
""",
        '{ "id": "paste the id that reingest returned" }',
    ),
)

_PAGE = """<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>newsgraph · GraphiQL</title>
    <link rel="icon" href="data:," />
    <style>
      body { height: 100%; margin: 0; width: 100%; overflow: hidden; }
      #graphiql { height: 100vh; display: flex; }
    </style>
    __STYLES__
  </head>
  <body>
    <div id="graphiql" class="graphiql-container">Loading GraphiQL…</div>
    __SCRIPTS__
    <script>
      const config = __CONFIG__;
      // a query shared as ?query=... opens as the only tab; otherwise the examples do
      const params = new URLSearchParams(window.location.search);
      const shared = params.get("query");
      const url = window.location.href.split("?")[0];
      // subscriptions: the same address over a websocket (ws:, or wss: behind https)
      const subscriptionUrl = url.replace(/^http/, "ws");
      const fetcher = GraphiQL.createFetcher({ url, subscriptionUrl });
      const explorer = GraphiQLPluginExplorer.explorerPlugin();
      const props = {
        fetcher,
        plugins: [explorer],
        defaultQuery: config.defaultQuery,
        defaultEditorToolsVisibility: true,
        isHeadersEditorEnabled: true,
        // an admin token typed into the Headers pane must not stay in the browser's storage
        shouldPersistHeaders: false,
        inputValueDeprecation: true,
      };
      if (shared) {
        props.query = shared;
        props.variables = params.get("variables") || undefined;
      } else {
        props.defaultTabs = config.tabs;
      }
      ReactDOM.createRoot(document.getElementById("graphiql")).render(
        React.createElement(GraphiQL, props),
      );
    </script>
  </body>
</html>
"""


def _json_for_script(value: Any) -> str:
    # "<" escaped so no string in a query can close the <script> element it is embedded in
    return json.dumps(value, ensure_ascii=False).replace("<", "\\u003c")


def page(static_url: str) -> str:
    styles = "\n    ".join(
        f'<link rel="stylesheet" href="{static_url}/{name}" integrity="{sha}" />'
        for name, sha in ASSETS.items()
        if name.endswith(".css")
    )
    scripts = "\n    ".join(
        f'<script src="{static_url}/{name}" integrity="{sha}"></script>'
        for name, sha in ASSETS.items()
        if name.endswith(".js")
    )
    config = {
        "defaultQuery": DEFAULT_QUERY,
        "tabs": [{"query": q} for q in (DEFAULT_QUERY, *EXAMPLE_QUERIES)]
        + [{"query": q, "variables": v} for q, v in SUBSCRIPTION_EXAMPLES],
    }
    return (
        _PAGE.replace("__STYLES__", styles)
        .replace("__SCRIPTS__", scripts)
        .replace("__CONFIG__", _json_for_script(config))
    )


def render(request: Request) -> HTMLResponse:
    # relative to where the app is mounted, so it works behind a proxy that serves it under a prefix
    return HTMLResponse(page(request.scope.get("root_path", "") + STATIC_PATH))


def static_route() -> Mount:
    return Mount(STATIC_PATH, app=StaticFiles(directory=STATIC_DIR), name="graphiql-static")
