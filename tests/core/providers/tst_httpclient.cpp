// The shared transport against a real local HTTP server: retries, backoff, Retry-After, timeouts, truncated
// bodies, web pages, redirects, the https rule, secret scrubbing, and the pager's loop guard and page cap.
#include "httpserver.h"
#include "providers/baseurl.h"
#include "providers/httpclient.h"
#include "providers/pager.h"

#include <QElapsedTimer>
#include <QJsonDocument>
#include <QJsonObject>
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
    void unauthorizedIsNotRetried();
    void hangTimesOut();
    void truncatedBody();
    void htmlInsteadOfJson();
    void redirectIsRefused();
    void plainHttpOnlyToLoopback();
    void secretsAreScrubbed();
    void retryAfterParsing();
    void backoffGrowsAndIsCapped();
    void baseUrlOverride_data();
    void baseUrlOverride();
    void pagerFollowsManyPages();
    void pagerStopsOnRepeatingCursor();
    void pagerStopsAtPageCap();

private:
    std::unique_ptr<LocalHttpServer> m_server;
    std::unique_ptr<QNetworkAccessManager> m_nam;
    std::unique_ptr<HttpClient> m_http;
};

void TestHttpClient::init()
{
    m_server = std::make_unique<LocalHttpServer>();
    QVERIFY(m_server->listen());
    m_nam = std::make_unique<QNetworkAccessManager>();
    m_http = std::make_unique<HttpClient>(*m_nam, fastPolicy());
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
    HttpClient http(*m_nam, p);
    http.setJitterSource([] { return 0.0; }); // the low end: 50 %
    QCOMPARE(http.backoffMs(0), 500);
    QCOMPARE(http.backoffMs(1), 1000);
    QCOMPARE(http.backoffMs(3), 4000);
    http.setJitterSource([] { return 0.999999; }); // the high end: just under 150 %
    QVERIFY(http.backoffMs(0) >= 1499 && http.backoffMs(0) < 1500);
    QCOMPARE(http.backoffMs(10), 30000);
}

void TestHttpClient::baseUrlOverride_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected"); // empty = rejected
    QTest::addRow("origin") << "https://api.openai.com"
                            << "https://api.openai.com";
    QTest::addRow("trailing slash") << "https://api.openai.com/"
                                    << "https://api.openai.com";
    QTest::addRow("v1") << "https://api.openai.com/v1"
                        << "https://api.openai.com";
    QTest::addRow("v1 slash") << "https://api.openai.com/v1/"
                              << "https://api.openai.com";
    QTest::addRow("api v1") << "https://openrouter.ai/api/v1"
                            << "https://openrouter.ai";
    QTest::addRow("prefix kept") << "https://proxy.example/openai/v1"
                                 << "https://proxy.example/openai";
    QTest::addRow("loopback http") << "http://127.0.0.1:8080/v1"
                                   << "http://127.0.0.1:8080";
    QTest::addRow("remote http") << "http://proxy.example"
                                 << "";
    QTest::addRow("not a url") << "api.openai.com"
                               << "";
    QTest::addRow("query") << "https://api.openai.com/?x=1"
                           << "";
}

void TestHttpClient::baseUrlOverride()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    const auto env = [&](const QString &name) {
        return name == QLatin1String("BURNRATE_OPENAI_BASE_URL") ? value : QString();
    };
    const auto url = BaseUrl::resolve(QStringLiteral("openai"), QStringLiteral("https://api.openai.com"), env);
    if (expected.isEmpty()) {
        QVERIFY(!url.ok());
        QVERIFY2(url.error().startsWith(QStringLiteral("BURNRATE_OPENAI_BASE_URL")), qPrintable(url.error()));
        return;
    }
    QVERIFY2(url.ok(), qPrintable(url.error()));
    QCOMPARE(url->toString(), expected);
    QCOMPARE(BaseUrl::join(*url, QStringLiteral("/v1/organization/costs")).toString(),
             expected + QStringLiteral("/v1/organization/costs"));
}

void TestHttpClient::pagerFollowsManyPages()
{
    constexpr int Pages = 40;
    m_server->route("GET", "/pages", [](const HttpRequest &req) {
        const int page = req.query.queryItemValue(QStringLiteral("page")).toInt();
        const bool more = page + 1 < Pages;
        return HttpResponse::json(QStringLiteral(R"({"n":%1,"next":"%2"})")
                                      .arg(page)
                                      .arg(more ? QString::number(page + 1) : QString())
                                      .toUtf8());
    });
    QList<int> seen;
    HttpError error;
    int pages = -1;
    Pager::fetchAll(
        *m_http,
        [&](const QString &cursor) {
            return QNetworkRequest(m_server->url(QStringLiteral("/pages?limit=7&page=") + cursor));
        },
        [&](const QByteArray &body) -> Result<QString> {
            const QJsonObject o = QJsonDocument::fromJson(body).object();
            seen << o.value(QStringLiteral("n")).toInt();
            return o.value(QStringLiteral("next")).toString();
        },
        [&](const HttpError &e, int n) {
            error = e;
            pages = n;
        });
    QTRY_COMPARE(pages, Pages);
    QVERIFY2(!error.isError(), qPrintable(error.message));
    QCOMPARE(seen.size(), Pages);
    QCOMPARE(seen.last(), Pages - 1);
    QCOMPARE(m_server->requests().size(), Pages);
    for (const HttpRequest &r : m_server->requests()) {
        QCOMPARE(r.query.queryItemValue(QStringLiteral("limit")), QStringLiteral("7")); // same params each time
    }
}

void TestHttpClient::pagerStopsOnRepeatingCursor()
{
    m_server->route("GET", "/loop", HttpResponse::json(R"({"next":"page_AAAA"})"));
    HttpError error;
    int pages = -1;
    Pager::fetchAll(
        *m_http,
        [&](const QString &cursor) { return QNetworkRequest(m_server->url(QStringLiteral("/loop?page=") + cursor)); },
        [](const QByteArray &body) -> Result<QString> {
            return QJsonDocument::fromJson(body).object().value(QStringLiteral("next")).toString();
        },
        [&](const HttpError &e, int n) {
            error = e;
            pages = n;
        });
    QTRY_VERIFY(pages >= 0);
    QCOMPARE(error.kind, HttpError::Kind::CursorLoop);
    QCOMPARE(pages, 2); // the cursor came back on the second page
    QCOMPARE(m_server->requests().size(), 2);
    QVERIFY(error.message.contains(QStringLiteral("same page cursor twice")));
}

void TestHttpClient::pagerStopsAtPageCap()
{
    int n = 0;
    m_server->route("GET", "/endless", [&](const HttpRequest &) {
        return HttpResponse::json(QStringLiteral(R"({"next":"c%1"})").arg(++n).toUtf8());
    });
    HttpError error;
    int pages = -1;
    Pager::fetchAll(
        *m_http, [&](const QString &) { return QNetworkRequest(m_server->url(QStringLiteral("/endless"))); },
        [](const QByteArray &body) -> Result<QString> {
            return QJsonDocument::fromJson(body).object().value(QStringLiteral("next")).toString();
        },
        [&](const HttpError &e, int p) {
            error = e;
            pages = p;
        });
    QTRY_VERIFY(pages >= 0);
    QCOMPARE(error.kind, HttpError::Kind::TooManyPages);
    QCOMPARE(pages, fastPolicy().maxPages);
    QCOMPARE(m_server->requests().size(), fastPolicy().maxPages);
}

QTEST_GUILESS_MAIN(TestHttpClient)
#include "tst_httpclient.moc"
