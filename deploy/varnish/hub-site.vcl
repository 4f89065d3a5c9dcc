# This machine's part of the Varnish configuration (included by hub.vcl): where the app listens, and
# who may purge. Copy both files to /etc/varnish/ and edit this one (docs/front-cache.md).

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    # An uncached page under load can take a while: a little longer than gunicorn's own timeout (30 s).
    .first_byte_timeout = 35s;
    # A request every 2 s that needs neither the database nor Redis: tells Varnish the app is up, and
    # keeps it replaying purges a cache missed even when Varnish answers every visitor itself (each
    # app process reads the purge journal on a request, at most every PURGE_JOURNAL_CHECK_SECONDS).
    # It must name one of ALLOWED_HOSTS, and come as HTTPS would (else the app redirects it).
    .probe = {
        .request =
            "GET /robots.txt HTTP/1.1"
            "Host: hub.example.com"
            "X-Forwarded-Proto: https"
            "Connection: close";
        .interval = 2s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
        .initial = 3;
    }
}

# Every address the app runs on (each app server, and the host where cron runs publish_scheduled):
# only they may PURGE.
acl purgers {
    "127.0.0.1";
    "::1";
}
