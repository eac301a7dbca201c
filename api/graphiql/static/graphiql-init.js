// socialaudit's GraphiQL: headers (API keys) are never persisted, an example query is preloaded.
(function () {
  "use strict";
  var EXAMPLE_QUERY = [
    "# socialaudit GraphQL API. Put your API key in the Headers tab below:",
    "#   { \"Authorization\": \"Bearer sa_...\" }",
    "# (socialaudit apikey create --agency NAME). It stays in this tab only:",
    "# headers are never saved in this browser.",
    "",
    "query Organisations {",
    "  organizations(first: 10) {",
    "    totalCount",
    "    edges {",
    "      node {",
    "        id",
    "        name",
    "        latestAssessment {",
    "          overallScore",
    "          maturityStage",
    "          reportUrl",
    "        }",
    "      }",
    "    }",
    "  }",
    "}",
    ""
  ].join("\n");
  var HEADERS = JSON.stringify({ Authorization: "Bearer <your API key>" }, null, 2);

  // localStorage without any headers: GraphiQL keeps them under "graphiql:headers", inside
  // each tab of "graphiql:tabState" and with every query of its history ("graphiql:queries",
  // "graphiql:favorites"). Whatever it stores is stripped of every "headers" member.
  function scrub(value) {
    if (Array.isArray(value)) return value.map(scrub);
    if (value && typeof value === "object") {
      var clean = {};
      Object.keys(value).forEach(function (key) {
        clean[key] = /^headers$/i.test(key) ? null : scrub(value[key]);
      });
      return clean;
    }
    return value;
  }
  function withoutHeaders(text) {
    try {
      return JSON.stringify(scrub(JSON.parse(text)));
    } catch (error) {
      return text; // not JSON (a plain query text): no headers in it
    }
  }
  var storage = {
    getItem: function (key) {
      return /headers/i.test(key) ? null : window.localStorage.getItem(key);
    },
    setItem: function (key, value) {
      if (/headers/i.test(key)) return;
      window.localStorage.setItem(key, withoutHeaders(value));
    },
    removeItem: function (key) { window.localStorage.removeItem(key); },
    clear: function () { window.localStorage.clear(); },
    get length() { return window.localStorage.length; }
  };

  var fetcher = GraphiQL.createFetcher({ url: window.location.origin + "/graphql" });
  var root = ReactDOM.createRoot(document.getElementById("graphiql"));
  root.render(
    React.createElement(GraphiQL, {
      fetcher: fetcher,
      defaultQuery: EXAMPLE_QUERY,
      defaultHeaders: HEADERS,
      headers: HEADERS,
      shouldPersistHeaders: false,
      storage: storage,
      defaultEditorToolsVisibility: "headers"
    })
  );
})();
