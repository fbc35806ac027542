// The shared transport against a real local HTTP server: retries, backoff, Retry-After, timeouts, truncated
// bodies, web pages, redirects, the https rule and secret scrubbing (the pager and base URLs: tst_pager).
#include "httpserver.h"
#include "providers/baseurl.h"
#include "providers/httpclient.h"
#include "util/clock.h"

#include <QElapsedTimer>
#include <QNetworkAccessManager>
#include <QSignalSpy>
#include <QTest>

using namespace burnrate;
using namespace burnrate::test;

namespace {

HttpPolicy fastPolicy()
{
    HttpPolicy p;
    p.timeoutMs = 400;
    p.maxAttempts = 3;
    p.backoffBaseMs = 20;
    p.backoffMaxMs = 200;
    p.maxRetryAfterMs = 2000;
    p.maxPages = 50;
    return p;
}

// Runs one GET to completion.
HttpResult fetch(HttpClient &http, const QUrl &url, qint64 *elapsedMs = nullptr)
{
    HttpResult out;
    bool done = false;
    QElapsedTimer t;
    t.start();
    http.get(QNetworkRequest(url), [&](const HttpResult &r) {
        out = r;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20000)) {
        out.error.message = QStringLiteral("the test gave up waiting");
    }
    if (elapsedMs) {
        *elapsedMs = t.elapsed();
    }
    return out;
}

} // namespace

class TestHttpClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void okJson();
    void retriesServerErrorsThenSucceeds();
    void retryAfterIsHonoured();
    void rateLimitWithoutRetryAfterBacksOff();
    void longRetryAfterIsLeftToTheScheduler();
    void retryAfterDateIsReadAgainstTheClock();
    void unauthorizedIsNotRetried();
    void hangTimesOut();
    void truncatedBody();
    void htmlInsteadOfJson();
    void redirectIsRefused();
    void plainHttpOnlyToLoopback();
    void secretsAreScrubbed();
    void retryAfterParsing();
    void backoffGrowsAndIsCapped();

private:
    FixedClock m_clock{QDateTime(QDate(2001, 11, 2), QTime(18, 0), Qt::UTC)};
    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<HttpClient> m_http;
};

void TestHttpClient::init()
{
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_http = std::make_unique<HttpClient>(*m_nam, m_clock, fastPolicy());
    m_http->setJitterSource([] { return 0.5; }); // jitter factor exactly 1
}

void TestHttpClient::cleanup()
{
    m_http.reset();
    m_nam.reset();
    m_server.reset();
}

void TestHttpClient::okJson()
{
    m_server->route("GET", "/ok", HttpResponse::json(R"({"a":1})"));
    const HttpResult r = fetch(*m_http, m_server->url("/ok"));
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.status, 200);
    QCOMPARE(r.body, QByteArray(R"({"a":1})"));
    QCOMPARE(r.attempts, 1);
    QCOMPARE(m_server->requests().size(), 1);
    QCOMPARE(m_server->requests().first().header("accept"), QByteArray("application/json"));
}

void TestHttpClient::retriesServerErrorsThenSucceeds()
{
    int calls = 0;
    m_server->route("GET", "/flaky", [&](const HttpRequest &) {
        return ++calls < 3 ? HttpResponse::json(R"({"error":{"message":"boom"}})", 500) : HttpResponse::json("{}");
    });
    qint64 elapsed = 0;
    const HttpResult r = fetch(*m_http, m_server->url("/flaky"), &elapsed);
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(r.attempts, 3);
    QCOMPARE(calls, 3);
    QVERIFY2(elapsed >= 20 + 40, qPrintable(QString::number(elapsed))); // backoff 20 ms, then 40 ms
    QCOMPARE(m_http->requestsSent(), 3);
}

void TestHttpClient::retryAfterIsHonoured()
{
    int calls = 0;
    m_server->route("GET", "/limited", [&](const HttpRequest &) {
        if (++calls == 1) {
            HttpResponse r = HttpResponse::json(R"({"error":{"message":"Rate limit exceeded"}})", 429);
            r.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
            return r;
        }
        return HttpResponse::json("{}");
    });
    qint64 elapsed = 0;
    const HttpResult r = fetch(*m_http, m_server->url("/limited"), &elapsed);
    QVERIFY2(r.ok(), qPrintable(r.error.message));
    QCOMPARE(calls, 2);
    QVERIFY2(elapsed >= 1000, qPrintable(QString::number(elapsed))); // not the 20 ms backoff
}

void TestHttpClient::rateLimitWithoutRetryAfterBacksOff()
{
    m_server->route("GET", "/limited", HttpResponse::json(R"({"error":{"message":"Rate limit exceeded"}})", 429));
    qint64 elapsed = 0;
    const HttpResult r = fetch(*m_http, m_server->url("/limited"), &elapsed);
    QCOMPARE(r.error.kind, HttpError::Kind::RateLimited);
    QCOMPARE(r.attempts, 3);
    QCOMPARE(m_server->requests().size(), 3);
    QVERIFY(elapsed >= 20 + 40);
    QCOMPARE(r.error.message, QStringLiteral("rate limited by the provider (HTTP 429: Rate limit exceeded)"));
}

void TestHttpClient::longRetryAfterIsLeftToTheScheduler()
{
    HttpResponse limited = HttpResponse::json("{}", 429);
    limited.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("3600")));
    m_server->route("GET", "/limited", limited);
    qint64 elapsed = 0;
    const HttpResult r = fetch(*m_http, m_server->url("/limited"), &elapsed);
    QCOMPARE(r.error.kind, HttpError::Kind::RateLimited);
    QCOMPARE(r.error.retryAfterMs, 3'600'000);
    QCOMPARE(m_server->requests().size(), 1);
    QVERIFY(elapsed < 1000);
    QCOMPARE(r.error.message, QStringLiteral("rate limited by the provider (HTTP 429); it asked to wait 3600 s"));
}

// A Retry-After date is read against the injected clock, not the system's: an hour after the fixed clock, and
// long past by the system clock (which would make it 0 and retry at once).
void TestHttpClient::retryAfterDateIsReadAgainstTheClock()
{
    HttpResponse limited = HttpResponse::json("{}", 429);
    limited.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("Fri, 02 Nov 2001 19:00:00 GMT")));
    m_server->route("GET", "/limited", limited);
    const HttpResult r = fetch(*m_http, m_server->url("/limited"));
    QCOMPARE(r.error.kind, HttpError::Kind::RateLimited);
    QCOMPARE(r.error.retryAfterMs, 3'600'000);
    QCOMPARE(m_server->requests().size(), 1);
}

void TestHttpClient::unauthorizedIsNotRetried()
{
    m_server->route("GET", "/auth", HttpResponse::json(R"({"error":{"message":"invalid x-api-key"}})", 401));
    const HttpResult r = fetch(*m_http, m_server->url("/auth"));
    QCOMPARE(r.error.kind, HttpError::Kind::Unauthorized);
    QCOMPARE(r.error.status, 401);
    QCOMPARE(r.error.providerMessage, QStringLiteral("invalid x-api-key"));
    QCOMPARE(m_server->requests().size(), 1);
}

void TestHttpClient::hangTimesOut()
{
    HttpResponse hang;
    hang.hang = true;
    m_server->route("GET", "/hang", hang);
    qint64 elapsed = 0;
    const HttpResult r = fetch(*m_http, m_server->url("/hang"), &elapsed);
    QCOMPARE(r.error.kind, HttpError::Kind::Timeout);
    QCOMPARE(r.attempts, 3);
    QCOMPARE(m_server->requests().size(), 3);
    QVERIFY2(elapsed >= 3 * 400, qPrintable(QString::number(elapsed)));
    QVERIFY(r.error.message.contains(QStringLiteral("within 0.4 s (timeout)")));
}

void TestHttpClient::truncatedBody()
{
    HttpResponse cut = HttpResponse::json(R"({"data":[1,2,3],"has_more":false})");
    cut.truncate = true;
    m_server->route("GET", "/cut", cut);
    const HttpResult r = fetch(*m_http, m_server->url("/cut"));
    QCOMPARE(r.error.kind, HttpError::Kind::Truncated);
    QCOMPARE(m_server->requests().size(), 3); // a cut connection is worth retrying
    QVERIFY2(r.error.message.contains(QStringLiteral("cut off")), qPrintable(r.error.message));
}

void TestHttpClient::htmlInsteadOfJson()
{
    HttpResponse page = HttpResponse::json("<!DOCTYPE html><html><body>Sign in to the Wi-Fi</body></html>");
    page.contentType = "text/html; charset=utf-8";
    m_server->route("GET", "/portal", page);
    const HttpResult r = fetch(*m_http, m_server->url("/portal"));
    QCOMPARE(r.error.kind, HttpError::Kind::NotJson);
    QCOMPARE(m_server->requests().size(), 1);
    QVERIFY(r.error.message.contains(QStringLiteral("web page instead of JSON")));
    // Without the content type, the body gives it away.
    HttpResponse bare = HttpResponse::json("  <html>oops</html>");
    m_server->route("GET", "/bare", bare);
    QCOMPARE(fetch(*m_http, m_server->url("/bare")).error.kind, HttpError::Kind::NotJson);
}

void TestHttpClient::redirectIsRefused()
{
    HttpResponse moved = HttpResponse::json("{}", 302);
    moved.headers.append(qMakePair(QByteArray("Location"), QByteArray("https://elsewhere.invalid/steal")));
    m_server->route("GET", "/moved", moved);
    const HttpResult r = fetch(*m_http, m_server->url("/moved"));
    QCOMPARE(r.error.kind, HttpError::Kind::Redirected);
    QCOMPARE(m_server->requests().size(), 1);
}

void TestHttpClient::plainHttpOnlyToLoopback()
{
    const HttpResult r = fetch(*m_http, QUrl(QStringLiteral("http://api.openai.com/v1/organization/costs")));
    QCOMPARE(r.error.kind, HttpError::Kind::Insecure);
    QCOMPARE(m_http->requestsSent(), 0);
    QVERIFY(BaseUrl::isAllowed(QUrl(QStringLiteral("http://127.0.0.1:9/x"))));
    QVERIFY(BaseUrl::isAllowed(QUrl(QStringLiteral("http://localhost:9/x"))));
    QVERIFY(BaseUrl::isAllowed(QUrl(QStringLiteral("http://[::1]:9/x"))));
    QVERIFY(!BaseUrl::isAllowed(QUrl(QStringLiteral("http://10.0.0.1/x"))));
    QVERIFY(BaseUrl::isAllowed(QUrl(QStringLiteral("https://api.deepseek.com"))));
    QVERIFY(!BaseUrl::isAllowed(QUrl(QStringLiteral("ftp://127.0.0.1/"))));
}

void TestHttpClient::secretsAreScrubbed()
{
    const QString key = QStringLiteral("sk-admin-SECRETSECRETSECRET1234");
    m_http->addSecret(key);
    m_server->route(
        "GET", "/echo",
        HttpResponse::json(R"({"error":{"message":"Incorrect API key provided: sk-admin-SECRETSECRETSECRET1234."}})",
                           401));
    const HttpResult r = fetch(*m_http, m_server->url("/echo"));
    QVERIFY(!r.error.message.contains(key));
    QVERIFY(!r.error.providerMessage.contains(key));
    QVERIFY(r.error.message.contains(QStringLiteral("Incorrect API key provided: [key].")));
}

void TestHttpClient::retryAfterParsing()
{
    QCOMPARE(HttpClient::parseRetryAfterMs("7", 0), 7000);
    QCOMPARE(HttpClient::parseRetryAfterMs(" 0 ", 0), 0);
    QCOMPARE(HttpClient::parseRetryAfterMs("", 0), -1);
    QCOMPARE(HttpClient::parseRetryAfterMs("soon", 0), -1);
    QCOMPARE(HttpClient::parseRetryAfterMs("-3", 0), -1);
    const qint64 now = QDateTime(QDate(2026, 11, 2), QTime(18, 0), Qt::UTC).toMSecsSinceEpoch();
    QCOMPARE(HttpClient::parseRetryAfterMs("Mon, 02 Nov 2026 18:00:30 GMT", now), 30000);
    QCOMPARE(HttpClient::parseRetryAfterMs("Mon, 02 Nov 2026 17:00:00 GMT", now), 0);
}

void TestHttpClient::backoffGrowsAndIsCapped()
{
    HttpPolicy p;
    p.backoffBaseMs = 1000;
    p.backoffMaxMs = 30000;
    HttpClient http(*m_nam, m_clock, p);
    http.setJitterSource([] { return 0.0; }); // the low end: 50 %
    QCOMPARE(http.backoffMs(0), 500);
    QCOMPARE(http.backoffMs(1), 1000);
    QCOMPARE(http.backoffMs(3), 4000);
    http.setJitterSource([] { return 0.999999; }); // the high end: just under 150 %
    QVERIFY(http.backoffMs(0) >= 1499 && http.backoffMs(0) < 1500);
    QCOMPARE(http.backoffMs(10), 30000);
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
