# The Learning Hub behind Varnish 7 (Debian's `varnish` package). How to set it up: docs/front-cache.md.
#
# Varnish keeps only what the app marks as shareable (`Cache-Control` with `s-maxage` or `public`):
# anonymous page views the app's page cache may keep, the API, static files. Admin, previews, share
# links, documents and every request with a cookie of the app's own pass straight through. The app
# purges Varnish on every change with PURGE requests (operations/page_cache.py, the same paths as its
# page cache), accepted only from the addresses in the `purgers` ACL; a path ending in `*` purges
# everything below it.
vcl 4.1;

import std;

# This machine's part: the `default` backend (the app) and the `purgers` ACL (deploy/varnish/hub-site.vcl).
include "hub-site.vcl";

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "PURGE is not allowed from this address"));
        }
        # A plain path as the app sends it (percent-encoded), since it becomes a regular expression.
        if (req.url !~ "^/[A-Za-z0-9/._~%-]*\*?$") {
            return (synth(400, "PURGE takes a path, or a path followed by *"));
        }
        # Bans, not purges: they reach every query string (?page=2) and every Accept variant of a path
        # and, for `path*`, everything below it; on every host name, as one site may answer on several.
        if (req.url ~ "\*$") {
            std.ban("obj.http.x-url ~ ^" + regsub(req.url, "\*$", ""));
        } else {
            std.ban("obj.http.x-url ~ ^" + req.url + "(\?|$)");
        }
        if (std.ban_error() != "") {
            return (synth(400, std.ban_error()));
        }
        return (synth(200, "Purged"));
    }

    # Personal, private or live: never from the cache.
    if (req.url ~ "^/(admin|django-admin|share|documents|healthz)(/|\?|$)") {
        return (pass);
    }

    # Analytics cookies mean nothing to the app: dropped. Any other cookie (a session, the CSRF token,
    # messages) makes the request pass, as Varnish's built-in rules do for any cookie.
    if (req.http.Cookie) {
        set req.http.Cookie = regsuball(req.http.Cookie, "(^|;\s*)(_ga[^=;]*|_gid|_gat[^=;]*|__utm[^=;]*|_fbp|_hj[^=;]*|_pk_[^=;]*)=[^;]*", "");
        set req.http.Cookie = regsub(req.http.Cookie, "^[;\s]+", "");
        if (req.http.Cookie == "") {
            unset req.http.Cookie;
        }
    }
    # Varnish's built-in rules follow: only GET and HEAD are looked up; Authorization or a cookie passes.
}

sub vcl_hash {
    # The https and http forms of an address are different answers (the app redirects http to https).
    hash_data(req.http.X-Forwarded-Proto);
    # The built-in rules add the URL and the host.
}

sub vcl_backend_response {
    # Bans match this copy of the URL, so Varnish's ban lurker can apply them without a request.
    set beresp.http.x-url = bereq.url;
    # Only what the app marks as shareable is kept; anything else is fetched afresh every time.
    if (beresp.http.Cache-Control !~ "(?i)(s-maxage|public)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # The built-in rules follow: Set-Cookie, private, no-cache or no-store are never kept; the time to
    # keep comes from s-maxage, then max-age.
}

sub vcl_deliver {
    unset resp.http.x-url;
    # For people and tests, never for caching: hit, miss (fetched and kept) or pass (fetched, not kept).
    if (obj.uncacheable) {
        set resp.http.X-Cache = "pass";
    } else if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}

sub vcl_synth {
    # The answer to a PURGE: one line, not an error page.
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        set resp.body = resp.reason + {"
"};
        return (deliver);
    }
}
